export { createHeraldClient, type HeraldClient, type NotificationStatusEvent } from './herald-client.ts';
export type { HeraldClientOptions, ReconnectPolicy, RequestOptions } from './client-options.ts';
export type { Credential, CredentialSource } from './credential.ts';
export type { Watch } from './watch/watch-subscription.ts';
export type { TypedDocument } from './transport/typed-document.ts';
export type { Page } from './api/page.ts';
export type { BulkSendItem, NotificationsApi, SendInput, SendResult } from './api/notifications.api.ts';
export type { RenderedMessage, TemplatesApi } from './api/templates.api.ts';
export type {
  ApiKeysApi,
  AuthPayload,
  CreatedApiKey,
  DevicesApi,
  EmailSuppression,
  OnBehalfOptions,
  UsersApi,
} from './api/users.api.ts';
export {
  HeraldClientError,
  type FieldIssue,
  type HeraldClientErrorInit,
} from './errors/herald-client-error.ts';
export * from './generated/error-classes.ts';
export * from './generated/operations.ts';
export type {
  ApiKeyFieldsFragment as ApiKey,
  DeviceFieldsFragment as Device,
  NotificationDetailFragment as NotificationDetail,
  NotificationSummaryFragment as NotificationSummary,
  PreferencesFieldsFragment as Preferences,
  TemplateDetailFragment as TemplateDetail,
  TemplateSummaryFragment as TemplateSummary,
  TemplateVersionFieldsFragment as TemplateVersion,
  UserFieldsFragment as User,
} from './generated/operations.ts';
