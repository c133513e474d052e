import { toDeliveryError } from './smtp-errors';

const smtpError = (fields: { responseCode?: number; code?: string }, message = 'Message failed') =>
  Object.assign(new Error(message), fields);

describe('toDeliveryError', () => {
  it.each([
    ['a 550 mailbox refusal', { responseCode: 550, code: 'EMESSAGE' }, true],
    ['a 553 bad recipient at RCPT TO', { responseCode: 553, code: 'EENVELOPE' }, true],
    ['a 451 local error', { responseCode: 451, code: 'EMESSAGE' }, false],
    ['a 421 service closing', { responseCode: 421, code: 'EPROTOCOL' }, false],
    ['a refused connection', { code: 'ECONNECTION' }, false],
    ['a socket timeout', { code: 'ETIMEDOUT' }, false],
    ['a recipient nodemailer refused to send to', { code: 'EENVELOPE' }, true],
    ['a 535 login refusal (our credentials)', { responseCode: 535, code: 'EAUTH' }, false],
  ])('treats %s as permanent: %s', (_case, fields, permanent) => {
    expect(toDeliveryError(smtpError(fields)).retryable).toBe(!permanent);
  });

  it('keeps the server answer as the message and the original error as the cause', () => {
    const original = smtpError({ responseCode: 550 }, 'Message failed: 550 no such user');

    const error = toDeliveryError(original);

    expect(error.message).toBe('Message failed: 550 no such user');
    expect(error.cause).toBe(original);
  });
});
