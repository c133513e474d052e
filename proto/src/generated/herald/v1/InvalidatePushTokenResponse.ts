// Original file: herald/v1/users.proto


export interface InvalidatePushTokenResponse {
  'invalidated'?: (boolean);
}

export interface InvalidatePushTokenResponse__Output {
  'invalidated': (boolean);
}
