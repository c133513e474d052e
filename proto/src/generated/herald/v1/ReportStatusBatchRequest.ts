// Original file: herald/v1/notifications.proto

import type { StatusReport as _herald_v1_StatusReport, StatusReport__Output as _herald_v1_StatusReport__Output } from '../../herald/v1/StatusReport';

export interface ReportStatusBatchRequest {
  'reports'?: (_herald_v1_StatusReport)[];
}

export interface ReportStatusBatchRequest__Output {
  'reports': (_herald_v1_StatusReport__Output)[];
}
