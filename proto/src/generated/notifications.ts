import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CallError as _herald_v1_CallError, CallError__Output as _herald_v1_CallError__Output } from './herald/v1/CallError';
import type { GetNotificationRequest as _herald_v1_GetNotificationRequest, GetNotificationRequest__Output as _herald_v1_GetNotificationRequest__Output } from './herald/v1/GetNotificationRequest';
import type { ListNotificationsRequest as _herald_v1_ListNotificationsRequest, ListNotificationsRequest__Output as _herald_v1_ListNotificationsRequest__Output } from './herald/v1/ListNotificationsRequest';
import type { Notification as _herald_v1_Notification, Notification__Output as _herald_v1_Notification__Output } from './herald/v1/Notification';
import type { NotificationFilter as _herald_v1_NotificationFilter, NotificationFilter__Output as _herald_v1_NotificationFilter__Output } from './herald/v1/NotificationFilter';
import type { NotificationPage as _herald_v1_NotificationPage, NotificationPage__Output as _herald_v1_NotificationPage__Output } from './herald/v1/NotificationPage';
import type { NotificationServiceClient as _herald_v1_NotificationServiceClient, NotificationServiceDefinition as _herald_v1_NotificationServiceDefinition } from './herald/v1/NotificationService';
import type { NotificationStatusServiceClient as _herald_v1_NotificationStatusServiceClient, NotificationStatusServiceDefinition as _herald_v1_NotificationStatusServiceDefinition } from './herald/v1/NotificationStatusService';
import type { PageMeta as _herald_v1_PageMeta, PageMeta__Output as _herald_v1_PageMeta__Output } from './herald/v1/PageMeta';
import type { ReplayFailedRequest as _herald_v1_ReplayFailedRequest, ReplayFailedRequest__Output as _herald_v1_ReplayFailedRequest__Output } from './herald/v1/ReplayFailedRequest';
import type { ReplayFailedResult as _herald_v1_ReplayFailedResult, ReplayFailedResult__Output as _herald_v1_ReplayFailedResult__Output } from './herald/v1/ReplayFailedResult';
import type { ReportStatusBatchRequest as _herald_v1_ReportStatusBatchRequest, ReportStatusBatchRequest__Output as _herald_v1_ReportStatusBatchRequest__Output } from './herald/v1/ReportStatusBatchRequest';
import type { ReportStatusBatchResponse as _herald_v1_ReportStatusBatchResponse, ReportStatusBatchResponse__Output as _herald_v1_ReportStatusBatchResponse__Output } from './herald/v1/ReportStatusBatchResponse';
import type { SendBatchRequest as _herald_v1_SendBatchRequest, SendBatchRequest__Output as _herald_v1_SendBatchRequest__Output } from './herald/v1/SendBatchRequest';
import type { SendBatchResponse as _herald_v1_SendBatchResponse, SendBatchResponse__Output as _herald_v1_SendBatchResponse__Output } from './herald/v1/SendBatchResponse';
import type { SendBatchResult as _herald_v1_SendBatchResult, SendBatchResult__Output as _herald_v1_SendBatchResult__Output } from './herald/v1/SendBatchResult';
import type { SendItemError as _herald_v1_SendItemError, SendItemError__Output as _herald_v1_SendItemError__Output } from './herald/v1/SendItemError';
import type { SendRequest as _herald_v1_SendRequest, SendRequest__Output as _herald_v1_SendRequest__Output } from './herald/v1/SendRequest';
import type { SendResult as _herald_v1_SendResult, SendResult__Output as _herald_v1_SendResult__Output } from './herald/v1/SendResult';
import type { StatusBatchReply as _herald_v1_StatusBatchReply, StatusBatchReply__Output as _herald_v1_StatusBatchReply__Output } from './herald/v1/StatusBatchReply';
import type { StatusBatchRequest as _herald_v1_StatusBatchRequest, StatusBatchRequest__Output as _herald_v1_StatusBatchRequest__Output } from './herald/v1/StatusBatchRequest';
import type { StatusCallback as _herald_v1_StatusCallback, StatusCallback__Output as _herald_v1_StatusCallback__Output } from './herald/v1/StatusCallback';
import type { StatusCallbackResult as _herald_v1_StatusCallbackResult, StatusCallbackResult__Output as _herald_v1_StatusCallbackResult__Output } from './herald/v1/StatusCallbackResult';
import type { StatusReport as _herald_v1_StatusReport, StatusReport__Output as _herald_v1_StatusReport__Output } from './herald/v1/StatusReport';
import type { StatusReportResult as _herald_v1_StatusReportResult, StatusReportResult__Output as _herald_v1_StatusReportResult__Output } from './herald/v1/StatusReportResult';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  herald: {
    v1: {
      CallError: MessageTypeDefinition<_herald_v1_CallError, _herald_v1_CallError__Output>
      GetNotificationRequest: MessageTypeDefinition<_herald_v1_GetNotificationRequest, _herald_v1_GetNotificationRequest__Output>
      ListNotificationsRequest: MessageTypeDefinition<_herald_v1_ListNotificationsRequest, _herald_v1_ListNotificationsRequest__Output>
      Notification: MessageTypeDefinition<_herald_v1_Notification, _herald_v1_Notification__Output>
      NotificationFilter: MessageTypeDefinition<_herald_v1_NotificationFilter, _herald_v1_NotificationFilter__Output>
      NotificationPage: MessageTypeDefinition<_herald_v1_NotificationPage, _herald_v1_NotificationPage__Output>
      NotificationService: SubtypeConstructor<typeof grpc.Client, _herald_v1_NotificationServiceClient> & { service: _herald_v1_NotificationServiceDefinition }
      NotificationStatusService: SubtypeConstructor<typeof grpc.Client, _herald_v1_NotificationStatusServiceClient> & { service: _herald_v1_NotificationStatusServiceDefinition }
      PageMeta: MessageTypeDefinition<_herald_v1_PageMeta, _herald_v1_PageMeta__Output>
      ReplayFailedRequest: MessageTypeDefinition<_herald_v1_ReplayFailedRequest, _herald_v1_ReplayFailedRequest__Output>
      ReplayFailedResult: MessageTypeDefinition<_herald_v1_ReplayFailedResult, _herald_v1_ReplayFailedResult__Output>
      ReportStatusBatchRequest: MessageTypeDefinition<_herald_v1_ReportStatusBatchRequest, _herald_v1_ReportStatusBatchRequest__Output>
      ReportStatusBatchResponse: MessageTypeDefinition<_herald_v1_ReportStatusBatchResponse, _herald_v1_ReportStatusBatchResponse__Output>
      SendBatchRequest: MessageTypeDefinition<_herald_v1_SendBatchRequest, _herald_v1_SendBatchRequest__Output>
      SendBatchResponse: MessageTypeDefinition<_herald_v1_SendBatchResponse, _herald_v1_SendBatchResponse__Output>
      SendBatchResult: MessageTypeDefinition<_herald_v1_SendBatchResult, _herald_v1_SendBatchResult__Output>
      SendItemError: MessageTypeDefinition<_herald_v1_SendItemError, _herald_v1_SendItemError__Output>
      SendRequest: MessageTypeDefinition<_herald_v1_SendRequest, _herald_v1_SendRequest__Output>
      SendResult: MessageTypeDefinition<_herald_v1_SendResult, _herald_v1_SendResult__Output>
      StatusBatchReply: MessageTypeDefinition<_herald_v1_StatusBatchReply, _herald_v1_StatusBatchReply__Output>
      StatusBatchRequest: MessageTypeDefinition<_herald_v1_StatusBatchRequest, _herald_v1_StatusBatchRequest__Output>
      StatusCallback: MessageTypeDefinition<_herald_v1_StatusCallback, _herald_v1_StatusCallback__Output>
      StatusCallbackResult: MessageTypeDefinition<_herald_v1_StatusCallbackResult, _herald_v1_StatusCallbackResult__Output>
      StatusReport: MessageTypeDefinition<_herald_v1_StatusReport, _herald_v1_StatusReport__Output>
      StatusReportResult: MessageTypeDefinition<_herald_v1_StatusReportResult, _herald_v1_StatusReportResult__Output>
    }
  }
}

