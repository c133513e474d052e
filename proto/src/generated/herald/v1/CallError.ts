// Original file: herald/v1/notifications.proto


export interface CallError {
  'code'?: (string);
  'message'?: (string);
  'details_json'?: (string);
}

export interface CallError__Output {
  'code': (string);
  'message': (string);
  'details_json': (string);
}
