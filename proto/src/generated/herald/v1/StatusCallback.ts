// Original file: herald/v1/notifications.proto


export interface StatusCallback {
  'notification_id'?: (string);
  'channel'?: (string);
  'status'?: (string);
  'detail'?: (string);
  'at'?: (string);
}

export interface StatusCallback__Output {
  'notification_id': (string);
  'channel': (string);
  'status': (string);
  'detail': (string);
  'at': (string);
}
