// Original file: herald/v1/notifications.proto

import type { SendRequest as _herald_v1_SendRequest, SendRequest__Output as _herald_v1_SendRequest__Output } from '../../herald/v1/SendRequest';

export interface SendBatchRequest {
  'items'?: (_herald_v1_SendRequest)[];
}

export interface SendBatchRequest__Output {
  'items': (_herald_v1_SendRequest__Output)[];
}
