import { isNonPublicAddress, pushEndpointProblem } from './push-endpoint';

describe('pushEndpointProblem', () => {
  it('accepts public https endpoints', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://8.8.8.8/push',
      'https://[2001:4860:4860::8888]/push',
    ]) {
      expect(pushEndpointProblem(endpoint, false)).toBeUndefined();
    }
  });

  it('refuses plain http and non-URLs', () => {
    expect(pushEndpointProblem('http://push.example.com/x', false)).toBe('must be https');
    expect(pushEndpointProblem('ftp://push.example.com/x', false)).toBe('must be https');
    expect(pushEndpointProblem('not a url', false)).toBe('must be an absolute URL');
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
    expect(pushEndpointProblem(endpoint, false)).toMatch(/^must not point at/);
  });

  it('lets tests use local http endpoints when insecure endpoints are allowed', () => {
    expect(pushEndpointProblem('http://127.0.0.1:9999/push', true)).toBeUndefined();
    expect(pushEndpointProblem('ftp://127.0.0.1/push', true)).toBe('must be https');
  });
});

describe('isNonPublicAddress', () => {
  it('tells literal private addresses from public ones and names', () => {
    expect(isNonPublicAddress('192.168.0.1')).toBe(true);
    expect(isNonPublicAddress('1.1.1.1')).toBe(false);
    expect(isNonPublicAddress('example.com')).toBe(false);
  });
});
