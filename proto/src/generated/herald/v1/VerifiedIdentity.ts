// Original file: herald/v1/users.proto


export interface VerifiedIdentity {
  'kind'?: (string);
  'id'?: (string);
  'role'?: (string);
  'scopes'?: (string)[];
  'expires_at'?: (string);
}

export interface VerifiedIdentity__Output {
  'kind': (string);
  'id': (string);
  'role': (string);
  'scopes': (string)[];
  'expires_at': (string);
}
