// Original file: herald/v1/notifications.proto

import type { StatusReportResult as _herald_v1_StatusReportResult, StatusReportResult__Output as _herald_v1_StatusReportResult__Output } from '../../herald/v1/StatusReportResult';
import type { CallError as _herald_v1_CallError, CallError__Output as _herald_v1_CallError__Output } from '../../herald/v1/CallError';

export interface StatusBatchReply {
  'id'?: (number);
  'results'?: (_herald_v1_StatusReportResult)[];
  'error'?: (_herald_v1_CallError | null);
}

export interface StatusBatchReply__Output {
  'id': (number);
  'results': (_herald_v1_StatusReportResult__Output)[];
  'error': (_herald_v1_CallError__Output | null);
}
