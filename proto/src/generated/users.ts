import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Device as _herald_v1_Device, Device__Output as _herald_v1_Device__Output } from './herald/v1/Device';
import type { GetUserRequest as _herald_v1_GetUserRequest, GetUserRequest__Output as _herald_v1_GetUserRequest__Output } from './herald/v1/GetUserRequest';
import type { GetUsersRequest as _herald_v1_GetUsersRequest, GetUsersRequest__Output as _herald_v1_GetUsersRequest__Output } from './herald/v1/GetUsersRequest';
import type { GetUsersResponse as _herald_v1_GetUsersResponse, GetUsersResponse__Output as _herald_v1_GetUsersResponse__Output } from './herald/v1/GetUsersResponse';
import type { InvalidatePushTokenRequest as _herald_v1_InvalidatePushTokenRequest, InvalidatePushTokenRequest__Output as _herald_v1_InvalidatePushTokenRequest__Output } from './herald/v1/InvalidatePushTokenRequest';
import type { InvalidatePushTokenResponse as _herald_v1_InvalidatePushTokenResponse, InvalidatePushTokenResponse__Output as _herald_v1_InvalidatePushTokenResponse__Output } from './herald/v1/InvalidatePushTokenResponse';
import type { Preferences as _herald_v1_Preferences, Preferences__Output as _herald_v1_Preferences__Output } from './herald/v1/Preferences';
import type { QuietHours as _herald_v1_QuietHours, QuietHours__Output as _herald_v1_QuietHours__Output } from './herald/v1/QuietHours';
import type { RecordEmailFeedbackRequest as _herald_v1_RecordEmailFeedbackRequest, RecordEmailFeedbackRequest__Output as _herald_v1_RecordEmailFeedbackRequest__Output } from './herald/v1/RecordEmailFeedbackRequest';
import type { RecordEmailFeedbackResponse as _herald_v1_RecordEmailFeedbackResponse, RecordEmailFeedbackResponse__Output as _herald_v1_RecordEmailFeedbackResponse__Output } from './herald/v1/RecordEmailFeedbackResponse';
import type { UnsubscribeEmailRequest as _herald_v1_UnsubscribeEmailRequest, UnsubscribeEmailRequest__Output as _herald_v1_UnsubscribeEmailRequest__Output } from './herald/v1/UnsubscribeEmailRequest';
import type { UnsubscribeEmailResponse as _herald_v1_UnsubscribeEmailResponse, UnsubscribeEmailResponse__Output as _herald_v1_UnsubscribeEmailResponse__Output } from './herald/v1/UnsubscribeEmailResponse';
import type { User as _herald_v1_User, User__Output as _herald_v1_User__Output } from './herald/v1/User';
import type { UserServiceClient as _herald_v1_UserServiceClient, UserServiceDefinition as _herald_v1_UserServiceDefinition } from './herald/v1/UserService';
import type { VerifiedIdentity as _herald_v1_VerifiedIdentity, VerifiedIdentity__Output as _herald_v1_VerifiedIdentity__Output } from './herald/v1/VerifiedIdentity';
import type { VerifyCredentialRequest as _herald_v1_VerifyCredentialRequest, VerifyCredentialRequest__Output as _herald_v1_VerifyCredentialRequest__Output } from './herald/v1/VerifyCredentialRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  herald: {
    v1: {
      Device: MessageTypeDefinition<_herald_v1_Device, _herald_v1_Device__Output>
      EmailFeedbackKind: EnumTypeDefinition
      GetUserRequest: MessageTypeDefinition<_herald_v1_GetUserRequest, _herald_v1_GetUserRequest__Output>
      GetUsersRequest: MessageTypeDefinition<_herald_v1_GetUsersRequest, _herald_v1_GetUsersRequest__Output>
      GetUsersResponse: MessageTypeDefinition<_herald_v1_GetUsersResponse, _herald_v1_GetUsersResponse__Output>
      InvalidatePushTokenRequest: MessageTypeDefinition<_herald_v1_InvalidatePushTokenRequest, _herald_v1_InvalidatePushTokenRequest__Output>
      InvalidatePushTokenResponse: MessageTypeDefinition<_herald_v1_InvalidatePushTokenResponse, _herald_v1_InvalidatePushTokenResponse__Output>
      Preferences: MessageTypeDefinition<_herald_v1_Preferences, _herald_v1_Preferences__Output>
      QuietHours: MessageTypeDefinition<_herald_v1_QuietHours, _herald_v1_QuietHours__Output>
      RecordEmailFeedbackRequest: MessageTypeDefinition<_herald_v1_RecordEmailFeedbackRequest, _herald_v1_RecordEmailFeedbackRequest__Output>
      RecordEmailFeedbackResponse: MessageTypeDefinition<_herald_v1_RecordEmailFeedbackResponse, _herald_v1_RecordEmailFeedbackResponse__Output>
      UnsubscribeEmailRequest: MessageTypeDefinition<_herald_v1_UnsubscribeEmailRequest, _herald_v1_UnsubscribeEmailRequest__Output>
      UnsubscribeEmailResponse: MessageTypeDefinition<_herald_v1_UnsubscribeEmailResponse, _herald_v1_UnsubscribeEmailResponse__Output>
      User: MessageTypeDefinition<_herald_v1_User, _herald_v1_User__Output>
      UserService: SubtypeConstructor<typeof grpc.Client, _herald_v1_UserServiceClient> & { service: _herald_v1_UserServiceDefinition }
      VerifiedIdentity: MessageTypeDefinition<_herald_v1_VerifiedIdentity, _herald_v1_VerifiedIdentity__Output>
      VerifyCredentialRequest: MessageTypeDefinition<_herald_v1_VerifyCredentialRequest, _herald_v1_VerifyCredentialRequest__Output>
    }
  }
}

