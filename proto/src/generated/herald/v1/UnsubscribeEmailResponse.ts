// Original file: herald/v1/users.proto


export interface UnsubscribeEmailResponse {
  'changed'?: (boolean);
}

export interface UnsubscribeEmailResponse__Output {
  'changed': (boolean);
}
