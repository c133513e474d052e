// Original file: herald/v1/notifications.proto


export interface ReplayFailedRequest {
  'channel'?: (string);
  'failed_from'?: (string);
  'failed_to'?: (string);
  'reason'?: (string);
  'limit'?: (number);
}

export interface ReplayFailedRequest__Output {
  'channel': (string);
  'failed_from': (string);
  'failed_to': (string);
  'reason': (string);
  'limit': (number);
}
