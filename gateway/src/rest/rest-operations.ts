/**
 * The GraphQL operations behind the users and login routes; they run in-process through the same
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
} as const satisfies Record<string, RestOperation>;
