/**
 * The GraphQL operations behind the users, login and suppression routes; they run in-process through the same
 * Apollo server, so the rules (validation, authorization) live in one place: the subgraphs. The
 * notification routes call NotificationService instead (call-notifications.ts).
 */
export interface RestOperation {
  readonly operationName: string;
  readonly query: string;
}

export const OPERATIONS = {
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
  emailSuppressions: {
    operationName: 'RestEmailSuppressions',
    query: `query RestEmailSuppressions($page: Int, $limit: Int) {
  emailSuppressions(page: $page, limit: $limit) {
    items { userId address reason statusCode diagnostic notificationId category createdAt }
    meta { total limit page totalPages hasNext hasPrevious }
  }
}`,
  },
  liftEmailSuppression: {
    operationName: 'RestLiftEmailSuppression',
    query: `mutation RestLiftEmailSuppression($userId: ID!) { liftEmailSuppression(userId: $userId) }`,
  },
} as const satisfies Record<string, RestOperation>;
