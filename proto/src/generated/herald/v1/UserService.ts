// Original file: herald/v1/users.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetUserRequest as _herald_v1_GetUserRequest, GetUserRequest__Output as _herald_v1_GetUserRequest__Output } from '../../herald/v1/GetUserRequest';
import type { GetUsersRequest as _herald_v1_GetUsersRequest, GetUsersRequest__Output as _herald_v1_GetUsersRequest__Output } from '../../herald/v1/GetUsersRequest';
import type { GetUsersResponse as _herald_v1_GetUsersResponse, GetUsersResponse__Output as _herald_v1_GetUsersResponse__Output } from '../../herald/v1/GetUsersResponse';
import type { InvalidatePushTokenRequest as _herald_v1_InvalidatePushTokenRequest, InvalidatePushTokenRequest__Output as _herald_v1_InvalidatePushTokenRequest__Output } from '../../herald/v1/InvalidatePushTokenRequest';
import type { InvalidatePushTokenResponse as _herald_v1_InvalidatePushTokenResponse, InvalidatePushTokenResponse__Output as _herald_v1_InvalidatePushTokenResponse__Output } from '../../herald/v1/InvalidatePushTokenResponse';
import type { RecordEmailFeedbackRequest as _herald_v1_RecordEmailFeedbackRequest, RecordEmailFeedbackRequest__Output as _herald_v1_RecordEmailFeedbackRequest__Output } from '../../herald/v1/RecordEmailFeedbackRequest';
import type { RecordEmailFeedbackResponse as _herald_v1_RecordEmailFeedbackResponse, RecordEmailFeedbackResponse__Output as _herald_v1_RecordEmailFeedbackResponse__Output } from '../../herald/v1/RecordEmailFeedbackResponse';
import type { UnsubscribeEmailRequest as _herald_v1_UnsubscribeEmailRequest, UnsubscribeEmailRequest__Output as _herald_v1_UnsubscribeEmailRequest__Output } from '../../herald/v1/UnsubscribeEmailRequest';
import type { UnsubscribeEmailResponse as _herald_v1_UnsubscribeEmailResponse, UnsubscribeEmailResponse__Output as _herald_v1_UnsubscribeEmailResponse__Output } from '../../herald/v1/UnsubscribeEmailResponse';
import type { User as _herald_v1_User, User__Output as _herald_v1_User__Output } from '../../herald/v1/User';
import type { VerifiedIdentity as _herald_v1_VerifiedIdentity, VerifiedIdentity__Output as _herald_v1_VerifiedIdentity__Output } from '../../herald/v1/VerifiedIdentity';
import type { VerifyCredentialRequest as _herald_v1_VerifyCredentialRequest, VerifyCredentialRequest__Output as _herald_v1_VerifyCredentialRequest__Output } from '../../herald/v1/VerifyCredentialRequest';

export interface UserServiceClient extends grpc.Client {
  GetUser(argument: _herald_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _herald_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _herald_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _herald_v1_GetUserRequest, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _herald_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _herald_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _herald_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _herald_v1_GetUserRequest, callback: grpc.requestCallback<_herald_v1_User__Output>): grpc.ClientUnaryCall;
  
  GetUsers(argument: _herald_v1_GetUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  GetUsers(argument: _herald_v1_GetUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  GetUsers(argument: _herald_v1_GetUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  GetUsers(argument: _herald_v1_GetUsersRequest, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  getUsers(argument: _herald_v1_GetUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  getUsers(argument: _herald_v1_GetUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  getUsers(argument: _herald_v1_GetUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  getUsers(argument: _herald_v1_GetUsersRequest, callback: grpc.requestCallback<_herald_v1_GetUsersResponse__Output>): grpc.ClientUnaryCall;
  
  InvalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  InvalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  InvalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  InvalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  invalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  invalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  invalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  invalidatePushToken(argument: _herald_v1_InvalidatePushTokenRequest, callback: grpc.requestCallback<_herald_v1_InvalidatePushTokenResponse__Output>): grpc.ClientUnaryCall;
  
  RecordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  RecordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  RecordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  RecordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  recordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  recordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  recordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  recordEmailFeedback(argument: _herald_v1_RecordEmailFeedbackRequest, callback: grpc.requestCallback<_herald_v1_RecordEmailFeedbackResponse__Output>): grpc.ClientUnaryCall;
  
  UnsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  UnsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  UnsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  UnsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  unsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  unsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  unsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  unsubscribeEmail(argument: _herald_v1_UnsubscribeEmailRequest, callback: grpc.requestCallback<_herald_v1_UnsubscribeEmailResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyCredential(argument: _herald_v1_VerifyCredentialRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  VerifyCredential(argument: _herald_v1_VerifyCredentialRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  VerifyCredential(argument: _herald_v1_VerifyCredentialRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  VerifyCredential(argument: _herald_v1_VerifyCredentialRequest, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  verifyCredential(argument: _herald_v1_VerifyCredentialRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  verifyCredential(argument: _herald_v1_VerifyCredentialRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  verifyCredential(argument: _herald_v1_VerifyCredentialRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  verifyCredential(argument: _herald_v1_VerifyCredentialRequest, callback: grpc.requestCallback<_herald_v1_VerifiedIdentity__Output>): grpc.ClientUnaryCall;
  
}

export interface UserServiceHandlers extends grpc.UntypedServiceImplementation {
  GetUser: grpc.handleUnaryCall<_herald_v1_GetUserRequest__Output, _herald_v1_User>;
  
  GetUsers: grpc.handleUnaryCall<_herald_v1_GetUsersRequest__Output, _herald_v1_GetUsersResponse>;
  
  InvalidatePushToken: grpc.handleUnaryCall<_herald_v1_InvalidatePushTokenRequest__Output, _herald_v1_InvalidatePushTokenResponse>;
  
  RecordEmailFeedback: grpc.handleUnaryCall<_herald_v1_RecordEmailFeedbackRequest__Output, _herald_v1_RecordEmailFeedbackResponse>;
  
  UnsubscribeEmail: grpc.handleUnaryCall<_herald_v1_UnsubscribeEmailRequest__Output, _herald_v1_UnsubscribeEmailResponse>;
  
  VerifyCredential: grpc.handleUnaryCall<_herald_v1_VerifyCredentialRequest__Output, _herald_v1_VerifiedIdentity>;
  
}

export interface UserServiceDefinition extends grpc.ServiceDefinition {
  GetUser: MethodDefinition<_herald_v1_GetUserRequest, _herald_v1_User, _herald_v1_GetUserRequest__Output, _herald_v1_User__Output>
  GetUsers: MethodDefinition<_herald_v1_GetUsersRequest, _herald_v1_GetUsersResponse, _herald_v1_GetUsersRequest__Output, _herald_v1_GetUsersResponse__Output>
  InvalidatePushToken: MethodDefinition<_herald_v1_InvalidatePushTokenRequest, _herald_v1_InvalidatePushTokenResponse, _herald_v1_InvalidatePushTokenRequest__Output, _herald_v1_InvalidatePushTokenResponse__Output>
  RecordEmailFeedback: MethodDefinition<_herald_v1_RecordEmailFeedbackRequest, _herald_v1_RecordEmailFeedbackResponse, _herald_v1_RecordEmailFeedbackRequest__Output, _herald_v1_RecordEmailFeedbackResponse__Output>
  UnsubscribeEmail: MethodDefinition<_herald_v1_UnsubscribeEmailRequest, _herald_v1_UnsubscribeEmailResponse, _herald_v1_UnsubscribeEmailRequest__Output, _herald_v1_UnsubscribeEmailResponse__Output>
  VerifyCredential: MethodDefinition<_herald_v1_VerifyCredentialRequest, _herald_v1_VerifiedIdentity, _herald_v1_VerifyCredentialRequest__Output, _herald_v1_VerifiedIdentity__Output>
}
