// Original file: herald/v1/notifications.proto

import type { StatusReport as _herald_v1_StatusReport, StatusReport__Output as _herald_v1_StatusReport__Output } from '../../herald/v1/StatusReport';

export interface StatusBatchRequest {
  'id'?: (number);
  'reports'?: (_herald_v1_StatusReport)[];
}

export interface StatusBatchRequest__Output {
  'id': (number);
  'reports': (_herald_v1_StatusReport__Output)[];
}
