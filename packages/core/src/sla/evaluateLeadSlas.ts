import type { Agreement } from '../agreement/agreement.types';
import type { Activity, Lead } from '../records/records.types';
import { computeSlaStatus } from './computeSlaStatus';
import { selectSlaPolicies } from './selectSlaPolicies';
import type { ComputeSlaStatusOptions, SlaPolicyChoice, SlaStatus } from './sla.types';

/** Options for {@link evaluateLeadSlas}. */
export type EvaluateLeadSlasOptions = Omit<ComputeSlaStatusOptions, 'agreement' | 'calendar'>;

/** Every SLA clock of one lead, with the policy choices behind them. */
export interface EvaluateLeadSlasResult {
  statuses: SlaStatus[];
  choices: SlaPolicyChoice[];
}

/**
 * @name evaluateLeadSlas
 * @category SLA
 * @summary Runs every SLA that applies to a lead, both sides, on the agreement's calendars.
 *
 * @description
 * Selects the first matching policy of each kind ({@link selectSlaPolicies}) and computes its clock
 * ({@link computeSlaStatus}) with the calendar the policy names; escalations carry their recipient
 * (the owner, the team manager from the routing pool, or the queue).
 *
 * @param lead - The lead.
 * @param activities - Sales touches (other leads' are ignored).
 * @param agreement - The agreement.
 * @param options - `now`, and optionally `events` and `pauses`.
 * @returns `{ statuses, choices }`.
 *
 * @example
 * const { statuses } = evaluateLeadSlas(lead, activities, defaultAgreement, { now })
 * statuses.filter((s) => s.state === 'breached')
 */
export function evaluateLeadSlas(
  lead: Lead,
  activities: readonly Activity[],
  agreement: Agreement,
  options: EvaluateLeadSlasOptions,
): EvaluateLeadSlasResult {
  const { policies, choices } = selectSlaPolicies(lead, agreement, { now: options.now });
  const statuses = policies.map((policy) => computeSlaStatus(lead, activities, policy, { ...options, agreement }));
  return { statuses, choices };
}
