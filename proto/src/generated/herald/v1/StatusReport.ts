// Original file: herald/v1/notifications.proto


export interface StatusReport {
  'notification_id'?: (string);
  'status'?: (string);
  'detail'?: (string);
  'timestamp'?: (string);
  'attempt'?: (number);
  'delivery_id'?: (string);
  'status_code'?: (string);
  'holder'?: (string);
  'lease_ms'?: (number);
}

export interface StatusReport__Output {
  'notification_id': (string);
  'status': (string);
  'detail': (string);
  'timestamp': (string);
  'attempt': (number);
  'delivery_id': (string);
  'status_code': (string);
  'holder': (string);
  'lease_ms': (number);
}
