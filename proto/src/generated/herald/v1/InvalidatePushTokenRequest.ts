// Original file: herald/v1/users.proto


export interface InvalidatePushTokenRequest {
  'user_id'?: (string);
  'token'?: (string);
  'reason'?: (string);
}

export interface InvalidatePushTokenRequest__Output {
  'user_id': (string);
  'token': (string);
  'reason': (string);
}
