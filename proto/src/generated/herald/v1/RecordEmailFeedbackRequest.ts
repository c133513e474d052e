// Original file: herald/v1/users.proto

import type { EmailFeedbackKind as _herald_v1_EmailFeedbackKind, EmailFeedbackKind__Output as _herald_v1_EmailFeedbackKind__Output } from '../../herald/v1/EmailFeedbackKind';

export interface RecordEmailFeedbackRequest {
  'user_id'?: (string);
  'kind'?: (_herald_v1_EmailFeedbackKind);
  'notification_id'?: (string);
  'status_code'?: (string);
  'diagnostic'?: (string);
  'category'?: (string);
}

export interface RecordEmailFeedbackRequest__Output {
  'user_id': (string);
  'kind': (_herald_v1_EmailFeedbackKind__Output);
  'notification_id': (string);
  'status_code': (string);
  'diagnostic': (string);
  'category': (string);
}
