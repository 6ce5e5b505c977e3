/** Money helpers for the reconciliation: conversion with half-even rounding, and amounts in words. */

const digitsCache = new Map<string, number>();
const formatCache = new Map<string, Intl.NumberFormat>();

/** Rounds half to even (banker's rounding), tolerant of the float noise of a product such as 1050 × 1.1. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  const eps = 1e-9 * Math.max(1, Math.abs(x));
  if (Math.abs(diff - 0.5) <= eps) return floor % 2 === 0 ? floor : floor + 1;
  return diff < 0.5 ? floor : floor + 1;
}

/**
 * An amount in minor units of `from`, in minor units of `to`: unchanged when the currencies are the
 * same, converted at `rates[from]` (minor units of `to` per minor unit of `from`) rounded half to
 * even, or `null` when no rate is given.
 */
export function convertAmount(
  amount: number,
  from: string,
  to: string,
  rates: Readonly<Record<string, number>> | undefined,
): { amount: number; rate: number | null } | null {
  if (from === to) return { amount, rate: null };
  const rate = rates && Object.hasOwn(rates, from) ? rates[from] : undefined;
  if (rate === undefined) return null;
  return { amount: roundHalfEven(amount * rate), rate };
}

/** The number of minor-unit digits of a currency (2 for USD, 0 for JPY), as Intl knows it. */
function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits ?? 2);
  }
  return digits ?? 2;
}

/** `USD 1,234.56` from 123456 minor units. */
export function moneyText(minor: number, currency: string): string {
  let format = formatCache.get(currency);
  if (!format) {
    const digits = minorDigits(currency);
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatCache.set(currency, format);
  }
  const sign = minor < 0 ? '−' : '';
  return `${sign}${currency} ${format.format(Math.abs(minor) / 10 ** minorDigits(currency))}`;
}
