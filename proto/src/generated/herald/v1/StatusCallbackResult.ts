// Original file: herald/v1/notifications.proto


export interface StatusCallbackResult {
  'notification_id'?: (string);
  'applied'?: (boolean);
  'status'?: (string);
}

export interface StatusCallbackResult__Output {
  'notification_id': (string);
  'applied': (boolean);
  'status': (string);
}
