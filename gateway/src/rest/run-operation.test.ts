import { toRestField } from './run-operation';

describe('toRestField', () => {
  it.each([
    ['input.userId', 'user_id'],
    ['input.templateCode', 'template_code'],
    ['input.channel', 'notification_type'],
    ['password', 'password'],
    ['input.preferences.optedOutCategories', 'preferences.opted_out_categories'],
  ])('names the GraphQL field %s as the REST client wrote it: %s', (field, rest) => {
    expect(toRestField(field)).toBe(rest);
  });
});
