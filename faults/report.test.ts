import type { FaultLine } from './accounting';
import { markdownReport } from './report';

const line = (overrides: Partial<FaultLine>): FaultLine => ({
  fault: 'SIGKILL email',
  sent: 200,
  accepted: 190,
  rejected: { 'rest 503 UNAVAILABLE': 6, 'graphql UNAVAILABLE': 4 },
  delivered: 190,
  duplicates: 0,
  answerWindow: 20,
  skipped: 0,
  failed: 0,
  lost: 0,
  recoveryMs: 1_234,
  lostSample: [],
  duplicateSample: [],
  ...overrides,
});

describe('markdownReport', () => {
  it('writes one row per fault, with what refused requests were answered and the answer window marked', () => {
    const markdown = markdownReport(
      [
        line({ duplicates: 1 }),
        line({ fault: 'Redis cut 10 s', answerWindow: 0, recoveryMs: null, rejected: {} }),
      ],
      ['a note'],
    );
    expect(markdown.split('\n')).toEqual([
      expect.stringMatching(/^\| Fault \| Sent \| Accepted \| Rejected/),
      expect.stringMatching(/^\| --- /),
      '| SIGKILL email | 200 | 190 | 10 (graphql UNAVAILABLE: 4; rest 503 UNAVAILABLE: 6) | 190 | 1 (answer window, ≤ 20) | 0 | 0 | 0 | 1.2 s |',
      '| Redis cut 10 s | 200 | 190 | 0 | 190 | 0 | 0 | 0 | 0 | n/a |',
      '',
      '- a note',
      '',
    ]);
  });
});
