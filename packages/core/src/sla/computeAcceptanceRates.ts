import { tz } from '@date-fns/tz';
import { addMonths, addQuarters, addWeeks, format, startOfMonth, startOfQuarter, startOfWeek } from 'date-fns';
import { toEpochMs } from '../_lib/instant';
import type { AcceptanceRateSla, Agreement } from '../agreement/agreement.types';
import type { Instant, Lead } from '../records/records.types';
import { instantArg } from './_instantArg';

/** One period of an acceptance-rate SLA. */
export interface AcceptanceRatePeriod {
  /** `2026-03`, `2026-Q1` or `2026-W10` (ISO week), in the agreement's time zone. */
  period: string;
  from: number;
  to: number;
  /** True once the period has ended by `now`. */
  complete: boolean;
  /** Leads that entered the `from` stage in the period. */
  handedOver: number;
  /** Of those, the ones that have reached the `to` stage by `now`. */
  accepted: number;
  rate: number | null;
  /** Against the floor, for complete periods; `null` while the period runs or when nothing was handed over. */
  met: boolean | null;
}

/** Options for {@link computeAcceptanceRates}. */
export interface ComputeAcceptanceRatesOptions {
  now: Instant | Date;
}

const PERIOD = {
  week: {
    start: (d: Date, z: ReturnType<typeof tz>) => startOfWeek(d, { in: z, weekStartsOn: 1 }),
    next: addWeeks,
    label: "RRRR-'W'II",
  },
  month: {
    start: (d: Date, z: ReturnType<typeof tz>) => startOfMonth(d, { in: z }),
    next: addMonths,
    label: 'yyyy-MM',
  },
  quarter: {
    start: (d: Date, z: ReturnType<typeof tz>) => startOfQuarter(d, { in: z }),
    next: addQuarters,
    label: "yyyy-'Q'Q",
  },
} as const;

/**
 * @name computeAcceptanceRates
 * @category SLA
 * @summary Marketing's floor: the share of handed-over leads that sales accepted, per period.
 *
 * @description
 * Groups leads by the period (week from Monday, month or quarter, in the agreement's time zone) in
 * which they entered the policy's `from` stage, and counts those that have reached its `to` stage by
 * `now` — a cohort view, so a lead handed over in March and accepted in April counts for March.
 * Periods are listed from the first hand-over to the period holding `now`, empty ones included.
 *
 * @param leads - The leads.
 * @param policy - An `acceptance_rate` policy.
 * @param agreement - For its time zone.
 * @param options - `now`.
 * @returns One row per period, oldest first.
 *
 * @example
 * computeAcceptanceRates(leads, floor, defaultAgreement, { now }).filter((p) => p.met === false)
 */
export function computeAcceptanceRates(
  leads: readonly Lead[],
  policy: AcceptanceRateSla,
  agreement: Pick<Agreement, 'timezone'>,
  options: ComputeAcceptanceRatesOptions,
): AcceptanceRatePeriod[] {
  const now = instantArg(options.now, 'now');
  const zone = tz(agreement.timezone);
  const unit = PERIOD[policy.period];
  const periodOf = (t: number) => unit.start(new Date(t), zone).getTime();
  const counts = new Map<number, { handedOver: number; accepted: number }>();
  let first = Number.POSITIVE_INFINITY;
  for (const lead of leads) {
    const handed = toEpochMs(lead.stageDates?.[policy.from]);
    if (Number.isNaN(handed) || handed > now) continue;
    const accepted = toEpochMs(lead.stageDates?.[policy.to]);
    const key = periodOf(handed);
    first = Math.min(first, key);
    const c = counts.get(key) ?? { handedOver: 0, accepted: 0 };
    c.handedOver++;
    if (!Number.isNaN(accepted) && accepted <= now) c.accepted++;
    counts.set(key, c);
  }
  const rows: AcceptanceRatePeriod[] = [];
  if (!Number.isFinite(first)) return rows;
  const last = periodOf(now);
  for (let from = first; from <= last; ) {
    const to = unit.next(unit.start(new Date(from), zone), 1).getTime();
    const c = counts.get(from) ?? { handedOver: 0, accepted: 0 };
    const rate = c.handedOver === 0 ? null : c.accepted / c.handedOver;
    const complete = to <= now;
    rows.push({
      period: format(new Date(from), unit.label, { in: zone }),
      from,
      to,
      complete,
      handedOver: c.handedOver,
      accepted: c.accepted,
      rate,
      met: complete && rate !== null ? rate >= policy.min : null,
    });
    from = to;
  }
  return rows;
}
