import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { NotificationStatusServiceClient as _herald_v1_NotificationStatusServiceClient, NotificationStatusServiceDefinition as _herald_v1_NotificationStatusServiceDefinition } from './herald/v1/NotificationStatusService';
import type { ReportStatusBatchRequest as _herald_v1_ReportStatusBatchRequest, ReportStatusBatchRequest__Output as _herald_v1_ReportStatusBatchRequest__Output } from './herald/v1/ReportStatusBatchRequest';
import type { ReportStatusBatchResponse as _herald_v1_ReportStatusBatchResponse, ReportStatusBatchResponse__Output as _herald_v1_ReportStatusBatchResponse__Output } from './herald/v1/ReportStatusBatchResponse';
import type { StatusReport as _herald_v1_StatusReport, StatusReport__Output as _herald_v1_StatusReport__Output } from './herald/v1/StatusReport';
import type { StatusReportResult as _herald_v1_StatusReportResult, StatusReportResult__Output as _herald_v1_StatusReportResult__Output } from './herald/v1/StatusReportResult';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  herald: {
    v1: {
      NotificationStatusService: SubtypeConstructor<typeof grpc.Client, _herald_v1_NotificationStatusServiceClient> & { service: _herald_v1_NotificationStatusServiceDefinition }
      ReportStatusBatchRequest: MessageTypeDefinition<_herald_v1_ReportStatusBatchRequest, _herald_v1_ReportStatusBatchRequest__Output>
      ReportStatusBatchResponse: MessageTypeDefinition<_herald_v1_ReportStatusBatchResponse, _herald_v1_ReportStatusBatchResponse__Output>
      StatusReport: MessageTypeDefinition<_herald_v1_StatusReport, _herald_v1_StatusReport__Output>
      StatusReportResult: MessageTypeDefinition<_herald_v1_StatusReportResult, _herald_v1_StatusReportResult__Output>
    }
  }
}

