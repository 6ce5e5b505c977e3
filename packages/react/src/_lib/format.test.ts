import { describe, expect, it } from 'vitest';
import { createFormatters } from './format';

describe('createFormatters', () => {
  const en = createFormatters('en-US', 'USD', 'America/New_York');

  it('formats money in minor units with the currency', () => {
    expect(en.money(1_234_500)).toBe('$12,345');
    expect(en.moneyCompact(123_000_000)).toBe('$1.2M');
    expect(createFormatters('en-US', 'JPY', 'UTC').money(5000)).toBe('¥5,000');
  });

  it('formats ratios, counts and durations', () => {
    expect(en.percent(0.425)).toBe('42.5%');
    expect(en.number(1234)).toBe('1,234');
    expect(en.minutes(65)).toBe('1 h 05 min');
    expect(en.minutes(-30)).toBe('\u221230 min');
    expect(en.minutes(3 * 1440 + 120)).toBe('3 d 2 h');
    expect(en.metric(null, 'ratio')).toBe('—');
  });

  it('writes changes with a sign and points for ratios', () => {
    expect(en.change(0.042, 'ratio')).toBe('+4.2 pts');
    expect(en.change(-3, 'count')).toBe('\u22123');
    expect(en.change(0, 'count')).toBe('±0');
  });

  it("writes durations in the locale's digits and units outside English", () => {
    const ar = createFormatters('ar-EG', 'EGP', 'Africa/Cairo');
    expect(ar.minutes(38 * 1440 + 13 * 60)).toBe(
      `${new Intl.NumberFormat('ar-EG', { style: 'unit', unit: 'day', unitDisplay: 'short' }).format(38)} ${new Intl.NumberFormat('ar-EG', { style: 'unit', unit: 'hour', unitDisplay: 'short' }).format(13)}`,
    );
    expect(ar.minutes(38 * 1440 + 13 * 60)).not.toMatch(/[0-9]/);
    expect(createFormatters('de-DE', 'EUR', 'Europe/Berlin').minutes(65)).toBe('1 Std. 5 Min.');
  });

  it('follows the locale and the agreement time zone', () => {
    const de = createFormatters('de-DE', 'EUR', 'Europe/Berlin');
    expect(de.money(1_234_500)).toBe('12.345\u00a0€');
    expect(de.percent(0.5)).toBe('50\u00a0%');
    expect(en.date(Date.parse('2026-03-10T02:00:00Z'))).toBe('Mar 9, 2026');
  });
});
