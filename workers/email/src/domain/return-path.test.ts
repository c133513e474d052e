import { createReturnPathSigner } from './return-path';

const ID = '7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f';
const OTHER = '1c9f6b52-8d0e-4a7f-b3c2-5e6d7f8a9b0c';
const signer = createReturnPathSigner('a-secret-of-the-test', 'Bounces.Example.com');

describe('createReturnPathSigner', () => {
  it('names the notification in an envelope sender whose local part fits RFC 5321', () => {
    const returnPath = signer.returnPathFor(ID);
    expect(returnPath).toMatch(new RegExp(`^bounces\\+${ID}\\.[0-9a-f]{16}@bounces\\.example\\.com$`));
    expect(returnPath.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(signer.readAddress(returnPath)).toEqual({ kind: 'signed', notificationId: ID });
  });

  it('reads a return path a relay upper-cased', () => {
    expect(signer.readAddress(signer.returnPathFor(ID).toUpperCase())).toEqual({
      kind: 'signed',
      notificationId: ID,
    });
  });

  it('refuses a return path whose signature belongs to another notification or another secret', () => {
    const [, signature] = signer.tokenFor(OTHER).split('.');
    expect(signer.readAddress(`bounces+${ID}.${signature}@bounces.example.com`)).toEqual({ kind: 'forged' });
    const elsewhere = createReturnPathSigner('another-secret-entirely', 'bounces.example.com');
    expect(signer.readAddress(elsewhere.returnPathFor(ID))).toEqual({ kind: 'forged' });
    expect(signer.readAddress(`bounces+${ID}@bounces.example.com`)).toEqual({ kind: 'forged' });
  });

  it('leaves other addresses to the report itself', () => {
    expect(signer.readAddress('fbl@bounces.example.com')).toEqual({ kind: 'other' });
    expect(signer.readAddress('postmaster')).toEqual({ kind: 'other' });
  });

  it('finds the first correctly signed token in a text, skipping forged ones', () => {
    const forged = `${OTHER}.0123456789abcdef`;
    const text = `Original-Mail-From: <bounces+${forged}@x>\nX-Herald-Feedback-Id: ${signer.tokenFor(ID)}\n`;
    expect(signer.findSigned(text)).toBe(ID);
    expect(signer.findSigned(`X-Herald-Notification-Id: ${ID}`)).toBeUndefined();
    expect(signer.findSigned(forged)).toBeUndefined();
  });
});
