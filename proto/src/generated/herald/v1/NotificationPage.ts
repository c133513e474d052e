// Original file: herald/v1/notifications.proto

import type { Notification as _herald_v1_Notification, Notification__Output as _herald_v1_Notification__Output } from '../../herald/v1/Notification';
import type { PageMeta as _herald_v1_PageMeta, PageMeta__Output as _herald_v1_PageMeta__Output } from '../../herald/v1/PageMeta';

export interface NotificationPage {
  'items'?: (_herald_v1_Notification)[];
  'meta'?: (_herald_v1_PageMeta | null);
}

export interface NotificationPage__Output {
  'items': (_herald_v1_Notification__Output)[];
  'meta': (_herald_v1_PageMeta__Output | null);
}
