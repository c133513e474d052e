import { parseQueuedNotification } from '@herald/contracts';
import { buildQueueMessage, routingKeyFor } from './queue-message';

describe('buildQueueMessage', () => {
  it('is exactly the documented queue message, in snake_case, category included', () => {
    const message = buildQueueMessage(
      {
        id: '0b6f3c4e-8a53-4b8e-9d5c-7f1f2f0e4a11',
        requestId: 'req-1',
        userId: '5a4d3f2e-1c0b-4a9e-8d7c-6b5a4f3e2d1c',
        channel: 'EMAIL',
        templateCode: 'welcome',
        templateVersion: 3,
        locale: 'en',
        category: 'security',
        variables: { name: 'Ada' },
        priority: 5,
        createdAt: new Date('2025-01-02T03:04:05.678Z'),
      },
      'corr-1',
    );
    expect(JSON.parse(JSON.stringify(message))).toEqual({
      notification_id: '0b6f3c4e-8a53-4b8e-9d5c-7f1f2f0e4a11',
      request_id: 'req-1',
      user_id: '5a4d3f2e-1c0b-4a9e-8d7c-6b5a4f3e2d1c',
      channel: 'email',
      template_code: 'welcome',
      template_version: 3,
      locale: 'en',
      variables: { name: 'Ada' },
      priority: 5,
      category: 'security',
      correlation_id: 'corr-1',
      attempt: 1,
      created_at: '2025-01-02T03:04:05.678Z',
    });
    // The workers read it through the same contract.
    expect(parseQueuedNotification(JSON.parse(JSON.stringify(message)), 'email').category).toBe('security');
  });

  it('says 0, an empty locale and a null category when they are not known', () => {
    const message = buildQueueMessage(
      {
        id: '0b6f3c4e-8a53-4b8e-9d5c-7f1f2f0e4a11',
        requestId: 'req-2',
        userId: '5a4d3f2e-1c0b-4a9e-8d7c-6b5a4f3e2d1c',
        channel: 'PUSH',
        templateCode: 'promo',
        templateVersion: null,
        locale: null,
        category: null,
        variables: {},
        priority: 0,
        createdAt: new Date('2025-01-02T03:04:05.678Z'),
      },
      'corr-2',
    );
    expect(message).toMatchObject({ channel: 'push', template_version: 0, locale: '', category: null });
  });

  it('routes by the lower-case channel', () => {
    expect(routingKeyFor('EMAIL')).toBe('email');
    expect(routingKeyFor('PUSH')).toBe('push');
  });
});
