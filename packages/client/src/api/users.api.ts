import type { RequestOptions } from '../client-options.ts';
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  CreateUserDocument,
  EmailSuppressionsDocument,
  LiftEmailSuppressionDocument,
  LoginDocument,
  MeDocument,
  RegisterDeviceDocument,
  RemoveDeviceDocument,
  RevokeApiKeyDocument,
  UpdatePreferencesDocument,
  UpdateProfileDocument,
  UserDocument,
  UsersDocument,
  type ApiKeyFieldsFragment,
  type CreateApiKeyMutation,
  type CreateUserInput,
  type DeviceFieldsFragment,
  type DeviceInput,
  type EmailSuppressionsQuery,
  type EmailSuppressionsQueryVariables,
  type LoginMutation,
  type PreferencesFieldsFragment,
  type PreferencesInput,
  type UpdateProfileInput,
  type UserFieldsFragment,
  type UsersQueryVariables,
} from '../generated/operations.ts';
import type { RunOperation } from '../transport/http-transport.ts';
import type { Page } from './page.ts';

export type AuthPayload = LoginMutation['login'];
/** An address on the suppression list: why (reason, status code, diagnostic), when, and the notification. */
export type EmailSuppression = EmailSuppressionsQuery['emailSuppressions']['items'][number];
/** A new API key with its secret, which is shown only here. */
export type CreatedApiKey = CreateApiKeyMutation['createApiKey'];

/** Acting on another user than the caller needs an admin or users:admin. */
export type OnBehalfOptions = RequestOptions & { readonly userId?: string };

export interface UsersApi {
  /** The calling user; null for a service key or the bootstrap admin. */
  me(options?: RequestOptions): Promise<UserFieldsFragment | null>;
  get(id: string, options?: RequestOptions): Promise<UserFieldsFragment | null>;
  list(query?: UsersQueryVariables, options?: RequestOptions): Promise<Page<UserFieldsFragment>>;
  /** Public sign-up; an admin may create users too. */
  create(input: CreateUserInput, options?: RequestOptions): Promise<UserFieldsFragment>;
  updatePreferences(input: PreferencesInput, options?: OnBehalfOptions): Promise<PreferencesFieldsFragment>;
  /** Name, email or locale; a new email address starts off the suppression list. */
  updateProfile(input: UpdateProfileInput, options?: OnBehalfOptions): Promise<UserFieldsFragment>;
  /** The suppressed addresses, newest first (admin or users:admin). */
  listEmailSuppressions(
    query?: EmailSuppressionsQueryVariables,
    options?: RequestOptions,
  ): Promise<Page<EmailSuppression>>;
  /** Sends email to the user again; false when nothing was suppressed (admin or users:admin). */
  liftEmailSuppression(userId: string, options?: RequestOptions): Promise<boolean>;
}

export interface DevicesApi {
  /** Registers a device, or refreshes lastSeenAt when it is registered already. */
  register(input: DeviceInput, options?: OnBehalfOptions): Promise<DeviceFieldsFragment>;
  remove(id: string, options?: RequestOptions): Promise<boolean>;
}

export interface ApiKeysApi {
  list(options?: RequestOptions): Promise<readonly ApiKeyFieldsFragment[]>;
  /** A users:admin key may grant only scopes it holds. */
  create(name: string, scopes: readonly string[], options?: RequestOptions): Promise<CreatedApiKey>;
  /** At once at the gateway that served it, within the credential cache time everywhere. */
  revoke(id: string, options?: RequestOptions): Promise<boolean>;
}

export function createUsersApi(run: RunOperation): UsersApi {
  return {
    async me(options) {
      return (await run(MeDocument, {}, options)).me;
    },
    async get(id, options) {
      return (await run(UserDocument, { id }, options)).user;
    },
    async list(query = {}, options) {
      return (await run(UsersDocument, query, options)).users;
    },
    async create(input, options) {
      return (await run(CreateUserDocument, { input }, options)).createUser;
    },
    async updatePreferences(input, { userId, ...options } = {}) {
      return (await run(UpdatePreferencesDocument, { input, userId }, options)).updatePreferences;
    },
    async updateProfile(input, { userId, ...options } = {}) {
      return (await run(UpdateProfileDocument, { input, userId }, options)).updateProfile;
    },
    async listEmailSuppressions(query = {}, options) {
      return (await run(EmailSuppressionsDocument, query, options)).emailSuppressions;
    },
    async liftEmailSuppression(userId, options) {
      return (await run(LiftEmailSuppressionDocument, { userId }, options)).liftEmailSuppression;
    },
  };
}

export function createDevicesApi(run: RunOperation): DevicesApi {
  return {
    async register(input, { userId, ...options } = {}) {
      return (await run(RegisterDeviceDocument, { input, userId }, options)).registerDevice;
    },
    async remove(id, options) {
      return (await run(RemoveDeviceDocument, { id }, options)).removeDevice;
    },
  };
}

export function createApiKeysApi(run: RunOperation): ApiKeysApi {
  return {
    async list(options) {
      return (await run(ApiKeysDocument, {}, options)).apiKeys;
    },
    async create(name, scopes, options) {
      return (await run(CreateApiKeyDocument, { name, scopes }, options)).createApiKey;
    },
    async revoke(id, options) {
      return (await run(RevokeApiKeyDocument, { id }, options)).revokeApiKey;
    },
  };
}

export function createLogin(run: RunOperation) {
  return async (email: string, password: string, options?: RequestOptions): Promise<AuthPayload> =>
    (await run(LoginDocument, { email, password }, options)).login;
}
