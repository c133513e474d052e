// Original file: herald/v1/notifications.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetNotificationRequest as _herald_v1_GetNotificationRequest, GetNotificationRequest__Output as _herald_v1_GetNotificationRequest__Output } from '../../herald/v1/GetNotificationRequest';
import type { ListNotificationsRequest as _herald_v1_ListNotificationsRequest, ListNotificationsRequest__Output as _herald_v1_ListNotificationsRequest__Output } from '../../herald/v1/ListNotificationsRequest';
import type { Notification as _herald_v1_Notification, Notification__Output as _herald_v1_Notification__Output } from '../../herald/v1/Notification';
import type { NotificationPage as _herald_v1_NotificationPage, NotificationPage__Output as _herald_v1_NotificationPage__Output } from '../../herald/v1/NotificationPage';
import type { ReplayFailedRequest as _herald_v1_ReplayFailedRequest, ReplayFailedRequest__Output as _herald_v1_ReplayFailedRequest__Output } from '../../herald/v1/ReplayFailedRequest';
import type { ReplayFailedResult as _herald_v1_ReplayFailedResult, ReplayFailedResult__Output as _herald_v1_ReplayFailedResult__Output } from '../../herald/v1/ReplayFailedResult';
import type { SendBatchRequest as _herald_v1_SendBatchRequest, SendBatchRequest__Output as _herald_v1_SendBatchRequest__Output } from '../../herald/v1/SendBatchRequest';
import type { SendBatchResponse as _herald_v1_SendBatchResponse, SendBatchResponse__Output as _herald_v1_SendBatchResponse__Output } from '../../herald/v1/SendBatchResponse';
import type { SendRequest as _herald_v1_SendRequest, SendRequest__Output as _herald_v1_SendRequest__Output } from '../../herald/v1/SendRequest';
import type { SendResult as _herald_v1_SendResult, SendResult__Output as _herald_v1_SendResult__Output } from '../../herald/v1/SendResult';
import type { StatusCallback as _herald_v1_StatusCallback, StatusCallback__Output as _herald_v1_StatusCallback__Output } from '../../herald/v1/StatusCallback';
import type { StatusCallbackResult as _herald_v1_StatusCallbackResult, StatusCallbackResult__Output as _herald_v1_StatusCallbackResult__Output } from '../../herald/v1/StatusCallbackResult';

export interface NotificationServiceClient extends grpc.Client {
  Get(argument: _herald_v1_GetNotificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  Get(argument: _herald_v1_GetNotificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  Get(argument: _herald_v1_GetNotificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  Get(argument: _herald_v1_GetNotificationRequest, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  get(argument: _herald_v1_GetNotificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  get(argument: _herald_v1_GetNotificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  get(argument: _herald_v1_GetNotificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  get(argument: _herald_v1_GetNotificationRequest, callback: grpc.requestCallback<_herald_v1_Notification__Output>): grpc.ClientUnaryCall;
  
  List(argument: _herald_v1_ListNotificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  List(argument: _herald_v1_ListNotificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  List(argument: _herald_v1_ListNotificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  List(argument: _herald_v1_ListNotificationsRequest, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  list(argument: _herald_v1_ListNotificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  list(argument: _herald_v1_ListNotificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  list(argument: _herald_v1_ListNotificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  list(argument: _herald_v1_ListNotificationsRequest, callback: grpc.requestCallback<_herald_v1_NotificationPage__Output>): grpc.ClientUnaryCall;
  
  ReplayFailed(argument: _herald_v1_ReplayFailedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  ReplayFailed(argument: _herald_v1_ReplayFailedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  ReplayFailed(argument: _herald_v1_ReplayFailedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  ReplayFailed(argument: _herald_v1_ReplayFailedRequest, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  replayFailed(argument: _herald_v1_ReplayFailedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  replayFailed(argument: _herald_v1_ReplayFailedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  replayFailed(argument: _herald_v1_ReplayFailedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  replayFailed(argument: _herald_v1_ReplayFailedRequest, callback: grpc.requestCallback<_herald_v1_ReplayFailedResult__Output>): grpc.ClientUnaryCall;
  
  ReportStatus(argument: _herald_v1_StatusCallback, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  ReportStatus(argument: _herald_v1_StatusCallback, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  ReportStatus(argument: _herald_v1_StatusCallback, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  ReportStatus(argument: _herald_v1_StatusCallback, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusCallback, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusCallback, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusCallback, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusCallback, callback: grpc.requestCallback<_herald_v1_StatusCallbackResult__Output>): grpc.ClientUnaryCall;
  
  Send(argument: _herald_v1_SendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  Send(argument: _herald_v1_SendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  Send(argument: _herald_v1_SendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  Send(argument: _herald_v1_SendRequest, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  send(argument: _herald_v1_SendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  send(argument: _herald_v1_SendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  send(argument: _herald_v1_SendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  send(argument: _herald_v1_SendRequest, callback: grpc.requestCallback<_herald_v1_SendResult__Output>): grpc.ClientUnaryCall;
  
  SendBatch(argument: _herald_v1_SendBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  SendBatch(argument: _herald_v1_SendBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  SendBatch(argument: _herald_v1_SendBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  SendBatch(argument: _herald_v1_SendBatchRequest, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  sendBatch(argument: _herald_v1_SendBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  sendBatch(argument: _herald_v1_SendBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  sendBatch(argument: _herald_v1_SendBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  sendBatch(argument: _herald_v1_SendBatchRequest, callback: grpc.requestCallback<_herald_v1_SendBatchResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface NotificationServiceHandlers extends grpc.UntypedServiceImplementation {
  Get: grpc.handleUnaryCall<_herald_v1_GetNotificationRequest__Output, _herald_v1_Notification>;
  
  List: grpc.handleUnaryCall<_herald_v1_ListNotificationsRequest__Output, _herald_v1_NotificationPage>;
  
  ReplayFailed: grpc.handleUnaryCall<_herald_v1_ReplayFailedRequest__Output, _herald_v1_ReplayFailedResult>;
  
  ReportStatus: grpc.handleUnaryCall<_herald_v1_StatusCallback__Output, _herald_v1_StatusCallbackResult>;
  
  Send: grpc.handleUnaryCall<_herald_v1_SendRequest__Output, _herald_v1_SendResult>;
  
  SendBatch: grpc.handleUnaryCall<_herald_v1_SendBatchRequest__Output, _herald_v1_SendBatchResponse>;
  
}

export interface NotificationServiceDefinition extends grpc.ServiceDefinition {
  Get: MethodDefinition<_herald_v1_GetNotificationRequest, _herald_v1_Notification, _herald_v1_GetNotificationRequest__Output, _herald_v1_Notification__Output>
  List: MethodDefinition<_herald_v1_ListNotificationsRequest, _herald_v1_NotificationPage, _herald_v1_ListNotificationsRequest__Output, _herald_v1_NotificationPage__Output>
  ReplayFailed: MethodDefinition<_herald_v1_ReplayFailedRequest, _herald_v1_ReplayFailedResult, _herald_v1_ReplayFailedRequest__Output, _herald_v1_ReplayFailedResult__Output>
  ReportStatus: MethodDefinition<_herald_v1_StatusCallback, _herald_v1_StatusCallbackResult, _herald_v1_StatusCallback__Output, _herald_v1_StatusCallbackResult__Output>
  Send: MethodDefinition<_herald_v1_SendRequest, _herald_v1_SendResult, _herald_v1_SendRequest__Output, _herald_v1_SendResult__Output>
  SendBatch: MethodDefinition<_herald_v1_SendBatchRequest, _herald_v1_SendBatchResponse, _herald_v1_SendBatchRequest__Output, _herald_v1_SendBatchResponse__Output>
}
