// Original file: herald/v1/notifications.proto


export interface SendItemError {
  'code'?: (string);
  'message'?: (string);
  'details_json'?: (string);
}

export interface SendItemError__Output {
  'code': (string);
  'message': (string);
  'details_json': (string);
}
