// Original file: herald/v1/notifications.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ReportStatusBatchRequest as _herald_v1_ReportStatusBatchRequest, ReportStatusBatchRequest__Output as _herald_v1_ReportStatusBatchRequest__Output } from '../../herald/v1/ReportStatusBatchRequest';
import type { ReportStatusBatchResponse as _herald_v1_ReportStatusBatchResponse, ReportStatusBatchResponse__Output as _herald_v1_ReportStatusBatchResponse__Output } from '../../herald/v1/ReportStatusBatchResponse';
import type { StatusBatchReply as _herald_v1_StatusBatchReply, StatusBatchReply__Output as _herald_v1_StatusBatchReply__Output } from '../../herald/v1/StatusBatchReply';
import type { StatusBatchRequest as _herald_v1_StatusBatchRequest, StatusBatchRequest__Output as _herald_v1_StatusBatchRequest__Output } from '../../herald/v1/StatusBatchRequest';
import type { StatusReport as _herald_v1_StatusReport, StatusReport__Output as _herald_v1_StatusReport__Output } from '../../herald/v1/StatusReport';
import type { StatusReportResult as _herald_v1_StatusReportResult, StatusReportResult__Output as _herald_v1_StatusReportResult__Output } from '../../herald/v1/StatusReportResult';

export interface NotificationStatusServiceClient extends grpc.Client {
  ReportStatus(argument: _herald_v1_StatusReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  ReportStatus(argument: _herald_v1_StatusReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  ReportStatus(argument: _herald_v1_StatusReport, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  ReportStatus(argument: _herald_v1_StatusReport, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusReport, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  reportStatus(argument: _herald_v1_StatusReport, callback: grpc.requestCallback<_herald_v1_StatusReportResult__Output>): grpc.ClientUnaryCall;
  
  ReportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  ReportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  ReportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  ReportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  reportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  reportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  reportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  reportStatusBatch(argument: _herald_v1_ReportStatusBatchRequest, callback: grpc.requestCallback<_herald_v1_ReportStatusBatchResponse__Output>): grpc.ClientUnaryCall;
  
  ReportStatusStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_herald_v1_StatusBatchRequest, _herald_v1_StatusBatchReply__Output>;
  ReportStatusStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_herald_v1_StatusBatchRequest, _herald_v1_StatusBatchReply__Output>;
  reportStatusStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_herald_v1_StatusBatchRequest, _herald_v1_StatusBatchReply__Output>;
  reportStatusStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_herald_v1_StatusBatchRequest, _herald_v1_StatusBatchReply__Output>;
  
}

export interface NotificationStatusServiceHandlers extends grpc.UntypedServiceImplementation {
  ReportStatus: grpc.handleUnaryCall<_herald_v1_StatusReport__Output, _herald_v1_StatusReportResult>;
  
  ReportStatusBatch: grpc.handleUnaryCall<_herald_v1_ReportStatusBatchRequest__Output, _herald_v1_ReportStatusBatchResponse>;
  
  ReportStatusStream: grpc.handleBidiStreamingCall<_herald_v1_StatusBatchRequest__Output, _herald_v1_StatusBatchReply>;
  
}

export interface NotificationStatusServiceDefinition extends grpc.ServiceDefinition {
  ReportStatus: MethodDefinition<_herald_v1_StatusReport, _herald_v1_StatusReportResult, _herald_v1_StatusReport__Output, _herald_v1_StatusReportResult__Output>
  ReportStatusBatch: MethodDefinition<_herald_v1_ReportStatusBatchRequest, _herald_v1_ReportStatusBatchResponse, _herald_v1_ReportStatusBatchRequest__Output, _herald_v1_ReportStatusBatchResponse__Output>
  ReportStatusStream: MethodDefinition<_herald_v1_StatusBatchRequest, _herald_v1_StatusBatchReply, _herald_v1_StatusBatchRequest__Output, _herald_v1_StatusBatchReply__Output>
}
