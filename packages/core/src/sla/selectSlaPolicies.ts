import type { Agreement, SlaDefinition } from '../agreement/agreement.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import type { Instant, Lead } from '../records/records.types';
import type { LeadSla, SlaPolicyChoice } from './sla.types';

/** The policies that apply to a lead, and why every other one does not. */
export interface SelectSlaPoliciesResult {
  /** One per kind at most, in agreement order. */
  policies: LeadSla[];
  choices: SlaPolicyChoice[];
}

const DEFAULT_PRIORITY = 100;

/**
 * @name selectSlaPolicies
 * @category SLA
 * @summary Picks, for each kind of per-lead SLA, the first matching policy — explaining the choice.
 *
 * @description
 * Like Zendesk's policies: among the agreement's policies of one kind whose `appliesTo` rule holds
 * for the lead, the lowest `priority` wins (default 100; ties go to the earlier one). So a demo
 * request gets the 1-business-hour first-touch policy instead of the 1-day one. Acceptance-rate
 * policies span many leads and are never selected here. Every policy appears in `choices`.
 *
 * @param lead - The lead.
 * @param agreement - The agreement.
 * @param options - `now`, for rules using `within_days`.
 * @returns `{ policies, choices }`.
 *
 * @example
 * selectSlaPolicies({ ...lead, attributes: { demoRequested: true } }, defaultAgreement).policies.map((p) => p.id)
 * //=> ['demo_request_first_touch', 'mql_disposition', 'mql_touches', 'lead_standard_at_handoff']
 */
export function selectSlaPolicies(
  lead: Lead,
  agreement: Pick<Agreement, 'slas'>,
  options: { now?: Instant | Date } = {},
): SelectSlaPoliciesResult {
  const slas: readonly SlaDefinition[] = agreement.slas ?? [];
  const choices: SlaPolicyChoice[] = [];
  const winners = new Map<string, { policy: LeadSla; priority: number }>();
  const applicable: { policy: LeadSla; criteria?: SlaPolicyChoice['criteria'] }[] = [];
  for (const policy of slas) {
    if (policy.kind === 'acceptance_rate') {
      choices.push({ slaId: policy.id, kind: policy.kind, chosen: false, reason: 'not_applicable' });
      continue;
    }
    const verdict = policy.appliesTo ? evaluateCriteria(lead, policy.appliesTo, options) : undefined;
    if (verdict && !verdict.passed) {
      choices.push({
        slaId: policy.id,
        kind: policy.kind,
        chosen: false,
        reason: 'not_applicable',
        criteria: verdict.reasons,
      });
      continue;
    }
    applicable.push(verdict ? { policy, criteria: verdict.reasons } : { policy });
    const priority = policy.priority ?? DEFAULT_PRIORITY;
    const current = winners.get(policy.kind);
    if (!current || priority < current.priority) winners.set(policy.kind, { policy, priority });
  }
  for (const { policy, criteria } of applicable) {
    const winner = winners.get(policy.kind)?.policy;
    const choice: SlaPolicyChoice =
      winner === policy
        ? { slaId: policy.id, kind: policy.kind, chosen: true, reason: 'applies' }
        : {
            slaId: policy.id,
            kind: policy.kind,
            chosen: false,
            reason: 'superseded',
            supersededBy: winner?.id as string,
          };
    if (criteria) choice.criteria = criteria;
    choices.push(choice);
  }
  const chosen = new Set([...winners.values()].map((w) => w.policy));
  const order = new Map(slas.map((s, i) => [s.id, i]));
  choices.sort((a, b) => (order.get(a.slaId) ?? 0) - (order.get(b.slaId) ?? 0));
  return { policies: slas.filter((s): s is LeadSla => chosen.has(s as LeadSla)), choices };
}
