// Original file: herald/v1/notifications.proto

import type { Notification as _herald_v1_Notification, Notification__Output as _herald_v1_Notification__Output } from '../../herald/v1/Notification';

export interface SendResult {
  'notification'?: (_herald_v1_Notification | null);
  'duplicate'?: (boolean);
}

export interface SendResult__Output {
  'notification': (_herald_v1_Notification__Output | null);
  'duplicate': (boolean);
}
