// Original file: herald/v1/notifications.proto


export interface StatusReportResult {
  'notification_id'?: (string);
  'applied'?: (boolean);
  'status'?: (string);
  'claimed_by_another_delivery'?: (boolean);
  'lease_remaining_ms'?: (number);
}

export interface StatusReportResult__Output {
  'notification_id': (string);
  'applied': (boolean);
  'status': (string);
  'claimed_by_another_delivery': (boolean);
  'lease_remaining_ms': (number);
}
