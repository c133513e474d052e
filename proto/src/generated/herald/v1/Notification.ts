// Original file: herald/v1/notifications.proto


export interface Notification {
  'id'?: (string);
  'request_id'?: (string);
  'channel'?: (string);
  'user_id'?: (string);
  'template_code'?: (string);
  'template_version'?: (number);
  'status'?: (string);
  'status_detail'?: (string);
  'attempts'?: (number);
  'priority'?: (number);
  'locale'?: (string);
  'category'?: (string);
  'created_at'?: (string);
  'updated_at'?: (string);
}

export interface Notification__Output {
  'id': (string);
  'request_id': (string);
  'channel': (string);
  'user_id': (string);
  'template_code': (string);
  'template_version': (number);
  'status': (string);
  'status_detail': (string);
  'attempts': (number);
  'priority': (number);
  'locale': (string);
  'category': (string);
  'created_at': (string);
  'updated_at': (string);
}
