import { steadyAgainMs, type Sample } from './recovery';

/** One notification a second from t = 0 to 19 s, delivered after `latency(t)` ms (undefined: never). */
function run(latency: (sentAt: number) => number | undefined): Sample[] {
  return Array.from({ length: 20 }, (_, second) => {
    const sentAt = second * 1_000;
    const took = latency(sentAt);
    return { sentAt, seenAt: took === undefined ? undefined : sentAt + took };
  });
}

describe('steadyAgainMs', () => {
  it('is 0 when the kill never slowed delivery past twice the usual latency', () => {
    expect(
      steadyAgainMs(
        run(() => 300),
        10_000,
      ),
    ).toBe(0);
  });

  it('runs from the kill to the first send of the unbroken run delivered within the bound', () => {
    // Usual 300 ms; sends from 10 s to 13 s wait until 14 s, those after are usual again.
    const samples = run((sentAt) => (sentAt >= 10_000 && sentAt < 14_000 ? 14_000 - sentAt + 300 : 300));
    expect(steadyAgainMs(samples, 9_500)).toBe(4_500);
  });

  it('counts a notification sent before the kill and held up by it', () => {
    // Sent at 9 s, held until 12 s; everything sent after the kill at 9.5 s is usual.
    const samples = run((sentAt) => (sentAt === 9_000 ? 3_000 : 300));
    expect(steadyAgainMs(samples, 9_500)).toBe(500);
  });

  it('is null while the last notifications are still slow or undelivered', () => {
    expect(
      steadyAgainMs(
        run((sentAt) => (sentAt >= 18_000 ? undefined : 300)),
        10_000,
      ),
    ).toBeNull();
  });
});
