// Original file: herald/v1/users.proto


export interface VerifyCredentialRequest {
  'credential'?: (string);
}

export interface VerifyCredentialRequest__Output {
  'credential': (string);
}
