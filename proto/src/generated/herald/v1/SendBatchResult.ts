// Original file: herald/v1/notifications.proto

import type { Notification as _herald_v1_Notification, Notification__Output as _herald_v1_Notification__Output } from '../../herald/v1/Notification';
import type { SendItemError as _herald_v1_SendItemError, SendItemError__Output as _herald_v1_SendItemError__Output } from '../../herald/v1/SendItemError';

export interface SendBatchResult {
  'index'?: (number);
  'notification'?: (_herald_v1_Notification | null);
  'duplicate'?: (boolean);
  'error'?: (_herald_v1_SendItemError | null);
}

export interface SendBatchResult__Output {
  'index': (number);
  'notification': (_herald_v1_Notification__Output | null);
  'duplicate': (boolean);
  'error': (_herald_v1_SendItemError__Output | null);
}
