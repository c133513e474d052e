// Original file: herald/v1/notifications.proto


export interface ReplayFailedResult {
  'replayed'?: (number);
  'notification_ids'?: (string)[];
}

export interface ReplayFailedResult__Output {
  'replayed': (number);
  'notification_ids': (string)[];
}
