import type { Agreement } from './agreement.types';

/**
 * @name defineAgreement
 * @category Agreement
 * @summary Identity helper that keeps the agreement's ids as literal types.
 *
 * @description
 * Returns its argument unchanged; it exists for type inference (like `defineConfig`). Stage,
 * calendar, reason, SLA and pool ids are inferred as literal unions, so a reference to an unknown
 * stage in an SLA, or `evaluateTransition(lead, 'sqll', agreement)`, is a compile-time error.
 * It does not run the cross-field checks: call {@link parseAgreement} on agreements that come from
 * outside your code, and in a test on the ones you write.
 *
 * @param agreement - The agreement.
 * @returns The same object, typed with literal ids.
 *
 * @example
 * const agreement = defineAgreement({ id: 'acme', version: '1', timezone: 'Europe/Berlin',
 *   stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }, { id: 'won', label: 'Won', owner: 'sales', kind: 'won' }],
 *   transitions: { backward: 'deny', allowSkip: true } })
 * type Stage = StageId<typeof agreement> //=> 'lead' | 'won'
 */
export function defineAgreement<
  const TStage extends string,
  const TCalendar extends string = never,
  const TReason extends string = never,
  const TSla extends string = never,
  const TPool extends string = never,
>(agreement: Agreement<TStage, TCalendar, TReason, TSla, TPool>): Agreement<TStage, TCalendar, TReason, TSla, TPool> {
  return agreement;
}
