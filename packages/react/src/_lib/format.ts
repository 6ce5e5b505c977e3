'use client';

import type { MetricInfo } from '@accord/core';
import { useMemo } from 'react';
import { useAccord } from '../provider/AccordProvider';

/** Locale-aware formatting for every widget (Intl only; formatters are built once per locale and currency). */
export interface Formatters {
  locale: string | undefined;
  currency: string;
  /** A count or plain number: `1,234`, at most `digits` fraction digits (default 0 for whole numbers, else 1). */
  number: (value: number, digits?: number) => string;
  /** A ratio 0..1 as a percentage: `42.5%`. */
  percent: (ratio: number, digits?: number) => string;
  /** Money in minor units (cents) of `currency` (default the agreement's): `$12,300`. */
  money: (minor: number, currency?: string) => string;
  /** A compact money amount for tiles: `$1.2M`. */
  moneyCompact: (minor: number, currency?: string) => string;
  /** A duration in minutes as `2 h 05 min` / `3 d 4 h`; negative durations get a minus sign. */
  minutes: (minutes: number) => string;
  /** A metric value in its unit (`ratio` → percent, `money` → currency, `days`/`hours`/`minutes` with the unit). */
  metric: (value: number | null | undefined, unit: MetricInfo['unit']) => string;
  /** A point change of a metric (`+4.2 pts`, `−3`, `+$1,200`). */
  change: (delta: number, unit: MetricInfo['unit']) => string;
  /** An instant as a short date and time in the agreement's time zone. */
  dateTime: (epochMs: number) => string;
  /** An instant as a date in the agreement's time zone. */
  date: (epochMs: number) => string;
}

const MINUS = '\u2212';

/** The number of minor-unit digits of a currency (2 for USD, 0 for JPY). */
function minorDigits(locale: string | undefined, currency: string): number {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Builds {@link Formatters} for a locale, a default currency and a time zone. */
export function createFormatters(locale: string | undefined, currency: string, timeZone: string): Formatters {
  const numberCache = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let f = numberCache.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, signDisplay: 'auto' });
      numberCache.set(digits, f);
    }
    return f;
  };
  const percentCache = new Map<number, Intl.NumberFormat>();
  const percentFormat = (digits: number) => {
    let f = percentCache.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits });
      percentCache.set(digits, f);
    }
    return f;
  };
  const moneyCache = new Map<string, { full: Intl.NumberFormat; compact: Intl.NumberFormat; digits: number }>();
  const moneyFormat = (code: string) => {
    let f = moneyCache.get(code);
    if (!f) {
      f = {
        full: new Intl.NumberFormat(locale, { style: 'currency', currency: code, maximumFractionDigits: 0 }),
        compact: new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: code,
          notation: 'compact',
          maximumFractionDigits: 1,
        }),
        digits: minorDigits(locale, code),
      };
      moneyCache.set(code, f);
    }
    return f;
  };
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const unitNames = { d: 'd', h: 'h', min: 'min' };

  const number = (value: number, digits?: number) =>
    numberFormat(digits ?? (Number.isInteger(value) ? 0 : 1))
      .format(value)
      .replace('-', MINUS);
  const percent = (ratio: number, digits = 1) => percentFormat(digits).format(ratio).replace('-', MINUS);
  const money = (minor: number, code = currency) => {
    const f = moneyFormat(code);
    return f.full.format(minor / 10 ** f.digits).replace('-', MINUS);
  };
  const moneyCompact = (minor: number, code = currency) => {
    const f = moneyFormat(code);
    return f.compact.format(minor / 10 ** f.digits).replace('-', MINUS);
  };
  // Durations: English keeps the compact "2 h 05 min"; other locales get their own digits and unit
  // abbreviations from Intl ("٢ س ٥ د"), so a duration never mixes scripts inside a sentence.
  const english = new Intl.NumberFormat(locale).resolvedOptions().locale.startsWith('en');
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const unitFormat = (unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' });
  const units = english ? null : { d: unitFormat('day'), h: unitFormat('hour'), min: unitFormat('minute') };
  const part = (n: number, unit: 'd' | 'h' | 'min', padded = false) =>
    units ? units[unit].format(n) : `${padded ? twoDigits.format(n) : number(n)} ${unitNames[unit]}`;
  const minutes = (value: number) => {
    const sign = value < 0 ? MINUS : '';
    const total = Math.round(Math.abs(value));
    const d = Math.floor(total / 1440);
    const h = Math.floor((total % 1440) / 60);
    const m = total % 60;
    if (d > 0) return `${sign}${part(d, 'd')}${h > 0 ? ` ${part(h, 'h')}` : ''}`;
    if (h > 0) return `${sign}${part(h, 'h')} ${part(m, 'min', true)}`;
    return `${sign}${part(m, 'min')}`;
  };
  const metric = (value: number | null | undefined, unit: MetricInfo['unit']) => {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    switch (unit) {
      case 'ratio':
        return percent(value);
      case 'money':
        return moneyCompact(value);
      case 'days':
        return `${number(value, 1)} d`;
      case 'hours':
        return `${number(value, 1)} h`;
      case 'minutes':
        return minutes(value);
      default:
        return number(value);
    }
  };
  const change = (delta: number, unit: MetricInfo['unit']) => {
    const sign = delta > 0 ? '+' : delta < 0 ? MINUS : '±';
    const abs = Math.abs(delta);
    switch (unit) {
      case 'ratio':
        return `${sign}${number(abs * 100, 1)} pts`;
      case 'money':
        return `${sign}${moneyCompact(abs)}`;
      case 'minutes':
        return `${sign}${minutes(abs)}`;
      case 'days':
        return `${sign}${number(abs, 1)} d`;
      case 'hours':
        return `${sign}${number(abs, 1)} h`;
      default:
        return `${sign}${number(abs)}`;
    }
  };
  return {
    locale,
    currency,
    number,
    percent,
    money,
    moneyCompact,
    minutes,
    metric,
    change,
    dateTime: (ms) => dateTimeFormat.format(ms),
    date: (ms) => dateFormat.format(ms),
  };
}

/** {@link Formatters} for the provider's locale, the agreement's currency (default USD) and time zone. */
export function useFormatters(): Formatters {
  const { locale, agreement } = useAccord();
  const currency = agreement.currency ?? 'USD';
  const timeZone = agreement.timezone;
  return useMemo(() => createFormatters(locale, currency, timeZone), [locale, currency, timeZone]);
}
