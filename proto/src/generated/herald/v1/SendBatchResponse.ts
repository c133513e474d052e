// Original file: herald/v1/notifications.proto

import type { SendBatchResult as _herald_v1_SendBatchResult, SendBatchResult__Output as _herald_v1_SendBatchResult__Output } from '../../herald/v1/SendBatchResult';

export interface SendBatchResponse {
  'results'?: (_herald_v1_SendBatchResult)[];
}

export interface SendBatchResponse__Output {
  'results': (_herald_v1_SendBatchResult__Output)[];
}
