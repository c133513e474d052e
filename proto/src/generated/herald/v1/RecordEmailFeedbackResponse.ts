// Original file: herald/v1/users.proto


export interface RecordEmailFeedbackResponse {
  'suppressed'?: (boolean);
}

export interface RecordEmailFeedbackResponse__Output {
  'suppressed': (boolean);
}
