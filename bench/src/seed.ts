import { BENCH_EMAIL_TEMPLATE } from './email-template';
import { graphql } from './graphql';
import type { JsonClient } from './json-client';

/** What the scenarios send to: users with an email address and an FCM device, and two templates. */
export interface Seed {
  readonly runId: string;
  readonly userIds: readonly string[];
  readonly emailTemplate: string;
  readonly pushTemplate: string;
}

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const CREATE_TEMPLATE = `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`;
/** Password hashing (scrypt) makes user creation slow on purpose; a few at a time is enough. */
const SEED_CONCURRENCY = 4;

export async function seedSystem(client: JsonClient, runId: string, users: number): Promise<Seed> {
  const emailTemplate = `bench-email-${runId}`;
  const pushTemplate = `bench-push-${runId}`;
  await graphql(client, CREATE_TEMPLATE, {
    input: {
      code: emailTemplate,
      channel: 'EMAIL',
      ...BENCH_EMAIL_TEMPLATE,
    },
  });
  await graphql(client, CREATE_TEMPLATE, {
    input: { code: pushTemplate, channel: 'PUSH', title: 'Order {{order}}', body: '{{name}}, it shipped.' },
  });
  const userIds: string[] = [];
  let next = 0;
  const createOne = async () => {
    while (next < users) {
      const index = next++;
      const { createUser } = await graphql<{ createUser: { id: string } }>(client, CREATE_USER, {
        input: {
          name: `Bench User ${index}`,
          email: `bench.${index}.${runId}@example.com`,
          password: 'bench password, not secret',
          pushToken: `bench-fcm-token-${runId}-${index}`,
        },
      });
      userIds[index] = createUser.id;
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, createOne));
  return { runId, userIds, emailTemplate, pushTemplate };
}

/** The variables every bench template needs. */
export function variablesFor(index: number): Record<string, string> {
  return { name: `User ${index}`, order: `#${index}` };
}
