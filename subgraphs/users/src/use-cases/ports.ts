import type { Transactions } from '@herald/database';
import type { ApiKey } from '../domain/api-key';
import type { Device, NewDevice } from '../domain/device';
import type { EmailFeedback, EmailSuppression, SuppressionReason } from '../domain/email-suppression';
import type { Preferences } from '../domain/preferences';
import type { NewUser, ProfileChanges, Role, UserProfile } from '../domain/user';

/*
 * Every port the use cases use, the store's repositories included: the store and the Redis
 * adapters implement them; the use cases import nothing else but domain/.
 */

export type UpdateProfileResult =
  | { readonly kind: 'updated'; readonly profile: UserProfile }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'email-taken' };

export type InsertUserResult =
  { readonly kind: 'created'; readonly profile: UserProfile } | { readonly kind: 'email-taken' };

/** What login checks: never leaves the use case. */
export interface UserCredentials {
  readonly id: string;
  readonly role: Role;
  readonly passwordHash: string;
}

export interface UserPage {
  readonly profiles: readonly UserProfile[];
  readonly total: number;
}

/** Users with their preferences and devices (one aggregate: they are created and read together). */
export interface UserRepository {
  /** Inserts the user, their preferences and first devices in one transaction. */
  insertUser(newUser: NewUser): Promise<InsertUserResult>;
  /** The profiles of the existing users among `ids`, in the order asked; unknown or malformed ids are left out. */
  findProfiles(ids: readonly string[]): Promise<UserProfile[]>;
  findCredentials(email: string): Promise<UserCredentials | undefined>;
  /** Changes name, email or locale; the email stays unique. */
  updateProfile(userId: string, changes: ProfileChanges): Promise<UpdateProfileResult>;
  /** Oldest first, so pages stay stable while users are added. */
  findPage(offset: number, limit: number): Promise<UserPage>;
}

/** Preferences inside a unit of work: a user read here stays locked until the transaction ends. */
export interface PreferencesRepository {
  /** The user's preferences, under the user's row lock; undefined when there is no such user. */
  lock(userId: string): Promise<Preferences | undefined>;
  save(userId: string, preferences: Preferences): Promise<void>;
}

/** The repositories bound to one transaction. */
export interface UsersUnitOfWork {
  readonly preferences: PreferencesRepository;
}

export type UsersTransactions = Transactions<UsersUnitOfWork>;

export interface RegisteredDevice {
  readonly device: Device;
  /** Users who held the same token or endpoint before; it moved to the new owner. */
  readonly previousOwners: readonly string[];
}

export interface DeviceRepository {
  /**
   * Registers a device for the user in one transaction, or refreshes lastSeenAt (and revalidates)
   * when the user already has this token or endpoint. A token held by another user moves here:
   * a push token addresses one installation, and the latest sign-in on it owns it.
   */
  registerDevice(userId: string, device: NewDevice, at: Date): Promise<RegisteredDevice>;
  findDevice(id: string): Promise<Device | undefined>;
  deleteDevice(id: string): Promise<boolean>;
  /**
   * Marks the user's still-valid device with this FCM token or Web Push endpoint invalid, with
   * the provider's reason; resolves true when one changed.
   */
  invalidateToken(userId: string, token: string, reason: string, at: Date): Promise<boolean>;
}

export interface NewApiKey {
  readonly id: string;
  readonly name: string;
  readonly secretHash: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
}

/** An active key with what verification needs. */
export interface ApiKeyCredential {
  readonly id: string;
  readonly secretHash: string;
  readonly scopes: readonly string[];
}

export interface ApiKeyRepository {
  insertApiKey(key: NewApiKey): Promise<ApiKey>;
  findActiveCredential(id: string): Promise<ApiKeyCredential | undefined>;
  touchLastUsed(id: string, at: Date): Promise<void>;
  /** Revokes the key (idempotently) and returns its secret hash, or undefined when there is no such key. */
  revokeApiKey(id: string, at: Date): Promise<string | undefined>;
  /** Newest first. */
  listApiKeys(): Promise<ApiKey[]>;
}

export type RecordFeedbackResult =
  | { readonly kind: 'no-such-user' }
  | {
      readonly kind: 'recorded';
      /** False when the same notification and kind were reported before: nothing was counted. */
      readonly counted: boolean;
      /** Set when this report put the address on the list. */
      readonly newSuppression?: SuppressionReason;
      /** The user's current address is suppressed after the report. */
      readonly suppressed: boolean;
    };

export interface SuppressionPage {
  readonly suppressions: readonly EmailSuppression[];
  readonly total: number;
}

/** Bounce and complaint reports, and the suppression list they feed (keyed by user and address). */
export interface EmailSuppressionRepository {
  /**
   * Records the report against the user's current address and suppresses the address when the
   * report calls for it, in one transaction under the user's row lock, so concurrent reports
   * for one user count one after the other.
   */
  recordFeedback(feedback: EmailFeedback, now: Date): Promise<RecordFeedbackResult>;
  /** Lifts every active suppression of the user's addresses; false when there was none. */
  liftSuppressions(userId: string, liftedBy: string, now: Date): Promise<boolean>;
  /** The active suppressions, newest first. */
  findActivePage(offset: number, limit: number): Promise<SuppressionPage>;
}

export interface CachedProfiles {
  /** Like UserRepository.findProfiles, read through Redis. */
  findProfiles(ids: readonly string[]): Promise<UserProfile[]>;
  /**
   * Drops cached profiles after a change and announces it, so that other processes drop their
   * copies too. Never throws: the change is already committed.
   */
  forget(...ids: string[]): Promise<void>;
}
