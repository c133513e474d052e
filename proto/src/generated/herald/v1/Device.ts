// Original file: herald/v1/users.proto


export interface Device {
  'id'?: (string);
  'kind'?: (string);
  'token'?: (string);
  'endpoint'?: (string);
  'p256dh'?: (string);
  'auth'?: (string);
  'valid'?: (boolean);
}

export interface Device__Output {
  'id': (string);
  'kind': (string);
  'token': (string);
  'endpoint': (string);
  'p256dh': (string);
  'auth': (string);
  'valid': (boolean);
}
