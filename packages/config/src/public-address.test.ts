import { isNonPublicAddress, publicHttpsUrlProblem } from './public-address';

describe('publicHttpsUrlProblem', () => {
  it('accepts public https endpoints', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://8.8.8.8/push',
      'https://[2001:4860:4860::8888]/push',
    ]) {
      expect(publicHttpsUrlProblem(endpoint)).toBeUndefined();
    }
  });

  it('refuses plain http, credentials and non-URLs', () => {
    expect(publicHttpsUrlProblem('http://push.example.com/x')).toBe('must be https');
    expect(publicHttpsUrlProblem('ftp://push.example.com/x')).toBe('must be https');
    expect(publicHttpsUrlProblem('not a url')).toBe('must be an absolute URL');
    expect(publicHttpsUrlProblem('https://user:secret@push.example.com/x')).toBe(
      'must not carry credentials',
    );
  });

  it.each([
    'https://127.0.0.1/push',
    'https://2130706433/push',
    'https://0x7f.1/push',
    'https://10.1.2.3/push',
    'https://172.20.0.1/push',
    'https://192.168.1.10/push',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/push',
    'https://0.0.0.0/push',
    'https://[::1]/push',
    'https://[::ffff:127.0.0.1]/push',
    'https://[fe80::1]/push',
    'https://[fd00::1]/push',
    'https://localhost/push',
    'https://localhost./push',
    'https://api.localhost/push',
    'https://printer.local/push',
    'https://intranet/push',
  ])('refuses the non-public endpoint %s', (endpoint) => {
    expect(publicHttpsUrlProblem(endpoint)).toMatch(/^must not point at/);
  });
});

describe('isNonPublicAddress', () => {
  it('tells literal private addresses from public ones and names', () => {
    expect(isNonPublicAddress('192.168.0.1')).toBe(true);
    expect(isNonPublicAddress('1.1.1.1')).toBe(false);
    expect(isNonPublicAddress('example.com')).toBe(false);
  });
});
