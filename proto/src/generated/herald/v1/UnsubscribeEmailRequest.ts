// Original file: herald/v1/users.proto


export interface UnsubscribeEmailRequest {
  'user_id'?: (string);
  'category'?: (string);
}

export interface UnsubscribeEmailRequest__Output {
  'user_id': (string);
  'category': (string);
}
