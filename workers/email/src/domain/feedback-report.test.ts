import { parseReceivedMail } from '../bounces/received-mail';
import * as samples from '../../test/fixtures/feedback-samples';
import { readFeedbackReport } from './feedback-report';

const mail = {
  returnPath: 'bounces+7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f.0123456789abcdef@bounces.herald.test',
  token: '7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f.0123456789abcdef',
};

async function read(raw: string) {
  return readFeedbackReport(await parseReceivedMail(Buffer.from(raw)));
}

describe('readFeedbackReport', () => {
  it("reads Postfix's DSN for an unknown mailbox as a hard bounce with its status and diagnostic", async () => {
    expect(await read(samples.postfixHardBounce(mail))).toEqual({
      outcome: 'feedback',
      kind: 'HARD_BOUNCE',
      statusCode: '5.1.1',
      diagnostic:
        'smtp; 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    });
  });

  it("reads Exchange's 5.1.10 as a hard bounce", async () => {
    expect(await read(samples.exchangeHardBounce(mail))).toMatchObject({
      kind: 'HARD_BOUNCE',
      statusCode: '5.1.10',
      diagnostic: expect.stringContaining('RESOLVER.ADR.RecipientNotFound'),
    });
  });

  it("reads Exim's delay warning (Action: delayed, 4.2.2) as a soft bounce", async () => {
    expect(await read(samples.eximDelayWarning(mail))).toMatchObject({
      outcome: 'feedback',
      kind: 'SOFT_BOUNCE',
      statusCode: '4.2.2',
      diagnostic: 'smtp; 452 4.2.2 The email account that you tried to reach is over quota.',
    });
  });

  it('takes a success DSN for what it is: no bounce', async () => {
    expect(await read(samples.successNotification(mail))).toEqual({
      outcome: 'no-feedback',
      why: 'a delivery status notification of success',
    });
  });

  it("reads Yahoo's ARF report as a complaint, with the original envelope sender", async () => {
    expect(await read(samples.yahooComplaint(mail))).toEqual({
      outcome: 'feedback',
      kind: 'COMPLAINT',
      statusCode: '',
      diagnostic: 'abuse report by Yahoo!-Mail-Feedback/2.0',
      originalMailFrom: `<${mail.returnPath}>`,
    });
  });

  it('reads a redacted ARF report without Original-Mail-From as a complaint', async () => {
    expect(await read(samples.redactedComplaint(mail))).toEqual({
      outcome: 'feedback',
      kind: 'COMPLAINT',
      statusCode: '',
      diagnostic: 'abuse report by AOL SComp',
    });
  });

  it('reads plain-text bounces of Exim and Exchange by the SMTP reply they quote', async () => {
    expect(await read(samples.eximPlainTextBounce(mail))).toEqual({
      outcome: 'feedback',
      kind: 'HARD_BOUNCE',
      statusCode: '5.1.1',
      diagnostic: '550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
    });
    expect(await read(samples.exchangePlainTextBounce(mail))).toMatchObject({
      kind: 'HARD_BOUNCE',
      statusCode: '5.1.1',
      diagnostic: expect.stringContaining('RESOLVER.ADR.RecipNotFound'),
    });
  });

  it('names what is wrong with each malformed report', async () => {
    for (const { reason, raw } of samples.malformedReports(mail)) {
      expect(await read(raw)).toMatchObject({ outcome: 'malformed', reason });
    }
  });

  it('lets a DSN listing several recipients be decided by the gravest', () => {
    const report = (fields: string) =>
      readFeedbackReport({
        contentType: 'multipart/report',
        reportType: 'delivery-status',
        text: '',
        parts: [{ contentType: 'message/delivery-status', content: `Reporting-MTA: dns; a\n\n${fields}` }],
      });
    const delayed = 'Final-Recipient: rfc822; a@x\nAction: delayed\nStatus: 4.4.7';
    const failed = 'Final-Recipient: rfc822; b@x\nAction: failed\nStatus: 5.2.1';
    expect(report(`${delayed}\n\n${failed}`)).toMatchObject({ kind: 'HARD_BOUNCE', statusCode: '5.2.1' });
    expect(report(`${failed}\n\n${delayed}`)).toMatchObject({ kind: 'HARD_BOUNCE', statusCode: '5.2.1' });
    // A permanent failure with a transient code: an MTA that gave up retrying. Not the address's fault.
    expect(report('Final-Recipient: rfc822; a@x\nAction: failed\nStatus: 4.4.7')).toMatchObject({
      kind: 'SOFT_BOUNCE',
    });
  });
});
