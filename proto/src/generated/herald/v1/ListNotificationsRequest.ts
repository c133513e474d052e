// Original file: herald/v1/notifications.proto

import type { NotificationFilter as _herald_v1_NotificationFilter, NotificationFilter__Output as _herald_v1_NotificationFilter__Output } from '../../herald/v1/NotificationFilter';

export interface ListNotificationsRequest {
  'filter'?: (_herald_v1_NotificationFilter | null);
  'page'?: (number);
  'limit'?: (number);
}

export interface ListNotificationsRequest__Output {
  'filter': (_herald_v1_NotificationFilter__Output | null);
  'page': (number);
  'limit': (number);
}
