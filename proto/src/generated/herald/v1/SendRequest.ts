// Original file: herald/v1/notifications.proto


export interface SendRequest {
  'channel'?: (string);
  'user_id'?: (string);
  'template_code'?: (string);
  'variables_json'?: (string);
  'request_id'?: (string);
  'priority'?: (number);
  'locale'?: (string);
  'category'?: (string);
  'send_at'?: (string);
  'metadata_json'?: (string);
  '_priority'?: "priority";
}

export interface SendRequest__Output {
  'channel': (string);
  'user_id': (string);
  'template_code': (string);
  'variables_json': (string);
  'request_id': (string);
  'priority'?: (number);
  'locale': (string);
  'category': (string);
  'send_at': (string);
  'metadata_json': (string);
  '_priority'?: "priority";
}
