import { fingerprintRequest, type FingerprintedRequest } from './request-fingerprint';

const request: FingerprintedRequest = {
  channel: 'EMAIL',
  userId: '5a4d3f2e-1c0b-4a9e-8d7c-6b5a4f3e2d1c',
  templateCode: 'welcome',
  variables: { name: 'Ada', order: { id: 7, items: [1, 2] } },
  priority: 5,
  locale: 'en',
  category: null,
  metadata: { source: 'signup' },
};

describe('fingerprintRequest', () => {
  it('does not depend on the order of keys', () => {
    const reordered: FingerprintedRequest = {
      ...request,
      variables: { order: { items: [1, 2], id: 7 }, name: 'Ada' },
    };
    expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(request));
  });

  it('hashes an absent optional field like null', () => {
    const { category: _category, ...withoutCategory } = request;
    expect(fingerprintRequest(withoutCategory)).toBe(fingerprintRequest(request));
  });

  it.each<[string, Partial<FingerprintedRequest>]>([
    ['variables', { variables: { name: 'Grace', order: { id: 7, items: [1, 2] } } }],
    ['array order', { variables: { name: 'Ada', order: { id: 7, items: [2, 1] } } }],
    ['priority', { priority: 6 }],
    ['channel', { channel: 'PUSH' }],
    ['locale', { locale: 'fr' }],
    ['category', { category: 'marketing' }],
    ['metadata', { metadata: { source: 'import' } }],
  ])('changes with %s', (_, change) => {
    expect(fingerprintRequest({ ...request, ...change })).not.toBe(fingerprintRequest(request));
  });
});
