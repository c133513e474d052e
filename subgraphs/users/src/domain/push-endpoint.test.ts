import { pushEndpointProblem } from './push-endpoint';

describe('pushEndpointProblem', () => {
  it('asks for a public https endpoint', () => {
    expect(
      pushEndpointProblem('https://updates.push.services.mozilla.com/wpush/v2/gAAAA', false),
    ).toBeUndefined();
    expect(pushEndpointProblem('https://127.0.0.1/push', false)).toMatch(/^must not point at/);
  });

  it('lets tests use local http endpoints when insecure endpoints are allowed', () => {
    expect(pushEndpointProblem('http://127.0.0.1:9999/push', true)).toBeUndefined();
    expect(pushEndpointProblem('ftp://127.0.0.1/push', true)).toBe('must be https');
  });
});
