import { canonicalTimeZone, isClockTime } from './quiet-hours';

describe('quiet hours values', () => {
  it('accepts 24-hour HH:MM times only', () => {
    expect(['00:00', '07:30', '23:59'].every(isClockTime)).toBe(true);
    expect(['24:00', '7:30', '12:60', '12:00:00', ''].some(isClockTime)).toBe(false);
  });

  it('canonicalises IANA timezones and refuses unknown ones', () => {
    expect(canonicalTimeZone('Europe/Lisbon')).toBe('Europe/Lisbon');
    expect(canonicalTimeZone('america/sao_paulo')).toBe('America/Sao_Paulo');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
  });
});
