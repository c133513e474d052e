import { formatDuration, overdueBefore, resolutionOf, type StatusBounds } from './status-bounds';

const BOUNDS: StatusBounds = {
  ACCEPTED: 3_600_000,
  SCHEDULED: 3_600_000,
  QUEUED: 21_600_000,
  SENDING: 900_000,
  RETRYING: 1_800_000,
};

describe('resolutionOf', () => {
  it('fails a notification left SENDING as an unknown outcome, naming its bound', () => {
    expect(resolutionOf('SENDING', BOUNDS)).toEqual({
      status: 'FAILED',
      reason: 'outcome-unknown',
      detail:
        'outcome unknown: no report within 15m of SENDING; the provider may have delivered it, so it is not sent again',
      outcomeUnknown: true,
    });
  });

  it('gives each other status its own reason, none of them an unknown outcome', () => {
    const others = (['ACCEPTED', 'SCHEDULED', 'QUEUED', 'RETRYING'] as const).map((status) =>
      resolutionOf(status, BOUNDS),
    );
    expect(others.map(({ reason }) => reason)).toEqual([
      'not-published',
      'not-released',
      'not-consumed',
      'retry-lost',
    ]);
    expect(others.every(({ status, outcomeUnknown }) => status === 'FAILED' && !outcomeUnknown)).toBe(true);
    expect(others[2]?.detail).toBe('not consumed: no worker took it within 6h');
  });
});

describe('overdueBefore', () => {
  it('puts each status its own bound before now', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(overdueBefore(BOUNDS, now).find(({ status }) => status === 'SENDING')?.before).toEqual(
      new Date('2026-01-01T11:45:00Z'),
    );
  });
});

describe('formatDuration', () => {
  it('names the largest whole unit', () => {
    expect([3_600_000, 5_400_000, 30_000, 1500].map(formatDuration)).toEqual(['1h', '90m', '30s', '1500ms']);
  });
});
