import { ForbiddenError, UnauthenticatedError } from '@herald/errors';
import type { Identity } from './identity';
import { canRead, notificationReaderOf, requireNotificationReader } from './notification-read';

const ada: Identity = { kind: 'user', id: 'ada', role: 'user', scopes: ['notifications:read'] };
const adminUser: Identity = { kind: 'user', id: 'root', role: 'admin', scopes: [] };
const bootstrap: Identity = { kind: 'admin', id: 'admin', scopes: [] };
const reader: Identity = { kind: 'service', id: 'key-1', scopes: ['notifications:read'] };
const sender: Identity = { kind: 'service', id: 'key-2', scopes: ['notifications:send'] };

describe('canRead', () => {
  it('lets a user read only their own notifications, whatever their scopes', () => {
    expect(canRead(ada, { userId: 'ada' })).toBe(true);
    expect(canRead(ada, { userId: 'grace' })).toBe(false);
    expect(canRead(ada, { userId: undefined })).toBe(false);
  });

  it('lets admins and keys holding notifications:read read every user’s', () => {
    for (const identity of [adminUser, bootstrap, reader]) {
      expect(canRead(identity, { userId: 'grace' })).toBe(true);
      expect(canRead(identity, { userId: undefined })).toBe(true);
    }
  });

  it('lets a key without notifications:read read none', () => {
    expect(canRead(sender, { userId: 'grace' })).toBe(false);
  });
});

describe('notificationReaderOf', () => {
  it('restricts a user to themselves and no one else', () => {
    expect(notificationReaderOf(ada)?.owner).toBe('ada');
    expect(notificationReaderOf(adminUser)?.owner).toBeUndefined();
    expect(notificationReaderOf(reader)?.owner).toBeUndefined();
    expect(notificationReaderOf(sender)).toBeUndefined();
  });
});

describe('requireNotificationReader', () => {
  it('refuses an anonymous caller as UNAUTHENTICATED and a key without the scope as FORBIDDEN', () => {
    expect(() => requireNotificationReader({ identity: undefined })).toThrow(UnauthenticatedError);
    expect(() => requireNotificationReader({ identity: sender })).toThrow(ForbiddenError);
    expect(requireNotificationReader({ identity: ada })).toEqual({ identity: ada, owner: 'ada' });
  });
});
