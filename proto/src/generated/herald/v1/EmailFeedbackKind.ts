// Original file: herald/v1/users.proto

export const EmailFeedbackKind = {
  EMAIL_FEEDBACK_KIND_UNSPECIFIED: 'EMAIL_FEEDBACK_KIND_UNSPECIFIED',
  HARD_BOUNCE: 'HARD_BOUNCE',
  SOFT_BOUNCE: 'SOFT_BOUNCE',
  COMPLAINT: 'COMPLAINT',
} as const;

export type EmailFeedbackKind =
  | 'EMAIL_FEEDBACK_KIND_UNSPECIFIED'
  | 0
  | 'HARD_BOUNCE'
  | 1
  | 'SOFT_BOUNCE'
  | 2
  | 'COMPLAINT'
  | 3

export type EmailFeedbackKind__Output = typeof EmailFeedbackKind[keyof typeof EmailFeedbackKind]
