// Original file: herald/v1/notifications.proto


export interface GetNotificationRequest {
  'id'?: (string);
}

export interface GetNotificationRequest__Output {
  'id': (string);
}
