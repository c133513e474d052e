// Original file: herald/v1/notifications.proto


export interface NotificationFilter {
  'user_id'?: (string);
  'status'?: (string);
  'channel'?: (string);
}

export interface NotificationFilter__Output {
  'user_id': (string);
  'status': (string);
  'channel': (string);
}
