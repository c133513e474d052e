// Original file: herald/v1/notifications.proto

import type { StatusReportResult as _herald_v1_StatusReportResult, StatusReportResult__Output as _herald_v1_StatusReportResult__Output } from '../../herald/v1/StatusReportResult';

export interface ReportStatusBatchResponse {
  'results'?: (_herald_v1_StatusReportResult)[];
}

export interface ReportStatusBatchResponse__Output {
  'results': (_herald_v1_StatusReportResult__Output)[];
}
