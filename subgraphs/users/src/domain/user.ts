import type { Device, NewDevice } from './device';
import type { Preferences } from './preferences';

export type Role = 'user' | 'admin';

export interface User {
  readonly id: string;
  /** Trimmed and lowercased (see normalizeEmail); unique. */
  readonly email: string;
  readonly name: string;
  /** A canonical BCP-47 tag such as `en` or `pt-BR`. */
  readonly locale: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A user with everything a sender needs: contact, preferences and devices. */
export interface UserProfile extends User {
  readonly preferences: Preferences;
  readonly devices: readonly Device[];
  /** The current address is on the suppression list: email to it is skipped. */
  readonly emailSuppressed: boolean;
}

/** What is stored for a new user; the store assigns id and timestamps. */
export interface NewUser {
  readonly role: Role;
  readonly email: string;
  readonly name: string;
  readonly locale: string;
  readonly passwordHash: string;
  readonly preferences: Preferences;
  readonly devices: readonly NewDevice[];
}

/** A partial profile update: undefined keeps the current value. */
export interface ProfileChanges {
  readonly name?: string;
  readonly email?: string;
  readonly locale?: string;
}
