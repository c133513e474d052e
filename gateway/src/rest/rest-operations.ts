/**
 * The GraphQL operations behind the REST routes; they run in-process through the same Apollo
 * server, so the rules (validation, authorization, idempotency) live in one place: the subgraphs.
 */
export interface RestOperation {
  readonly operationName: string;
  readonly query: string;
}

const NOTIFICATION_FIELDS = `
fragment RestNotification on Notification {
  id requestId channel status attempts createdAt updatedAt user { id } template { code }
}`;

export const OPERATIONS = {
  sendNotification: {
    operationName: 'RestSendNotification',
    query: `mutation RestSendNotification($input: SendNotificationInput!) {
  sendNotification(input: $input) { duplicate notification { id requestId status } }
}`,
  },
  notificationStatus: {
    operationName: 'RestNotificationStatus',
    query: `query RestNotificationStatus($id: ID!) { notification(id: $id) { ...RestNotification } }
${NOTIFICATION_FIELDS}`,
  },
  listNotifications: {
    operationName: 'RestListNotifications',
    query: `query RestListNotifications($filter: NotificationFilter, $page: Int, $limit: Int) {
  notifications(filter: $filter, page: $page, limit: $limit) {
    items { ...RestNotification }
    meta { total limit page totalPages hasNext hasPrevious }
  }
}
${NOTIFICATION_FIELDS}`,
  },
  createUser: {
    operationName: 'RestCreateUser',
    query: `mutation RestCreateUser($input: CreateUserInput!) {
  createUser(input: $input) { id name email preferences { email push } createdAt }
}`,
  },
  login: {
    operationName: 'RestLogin',
    query: `mutation RestLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id name email } }
}`,
  },
  /** Served only when the notifications subgraph has this mutation (see status-report route). */
  reportNotificationStatus: {
    operationName: 'RestReportNotificationStatus',
    query: `mutation RestReportNotificationStatus($input: NotificationStatusReportInput!) {
  reportNotificationStatus(input: $input) { notificationId applied status }
}`,
  },
} as const satisfies Record<string, RestOperation>;
