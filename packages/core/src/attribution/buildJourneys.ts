import { toEpochMs } from '../_lib/instant';
import type { Lead, Opportunity, Touchpoint } from '../records/records.types';
import type { Journey, JourneyTouch } from './attribution.types';

/** Options for {@link buildJourneys}. */
export interface BuildJourneysOptions {
  /** Touches older than this before the conversion get no credit. Default 90 (the agreement's `attribution.lookbackDays`). */
  lookbackDays?: number;
  /** What converts: a won deal (default; value = amount, at the close) or an opportunity opened (pipeline). */
  convertOn?: 'won' | 'opportunity';
  /** Add one non-converting journey per lead with touches but no conversion (for Markov with nulls). Default true. */
  nonConverting?: boolean;
  /** The end of the data, for non-converting journeys' windows (touches after it are ignored). */
  asOf?: number;
}

/** Journeys and what was left out of them. */
export interface BuildJourneysResult {
  journeys: Journey[];
  /** Touches that fell outside every window: before the lookback, or after the conversion. */
  excluded: { beforeLookback: number; afterConversion: number; unlinked: number };
}

const DAY = 86_400_000;

/**
 * @name buildJourneys
 * @category Attribution
 * @summary Joins marketing touchpoints to opportunities (by opportunity, lead or account) into journeys.
 *
 * @description
 * Each converting opportunity (won, or opened with `convertOn: 'opportunity'`) becomes a journey of the
 * touches linked to it — directly, through one of its leads, or through its account — within the
 * lookback window before the conversion, in time order, with the W-shaped moments (its first lead's
 * creation, the opportunity's creation). Leads with touches and no conversion become non-converting
 * journeys. Touches outside every window are counted in `excluded`, not silently dropped.
 *
 * @example
 * const { journeys } = buildJourneys(sample, { lookbackDays: 90 })
 * attribute(journeys, { model: 'w_shaped' })
 */
export function buildJourneys(
  data: { touchpoints: readonly Touchpoint[]; leads?: readonly Lead[]; opportunities: readonly Opportunity[] },
  options: BuildJourneysOptions = {},
): BuildJourneysResult {
  const lookback = (options.lookbackDays ?? 90) * DAY;
  const convertOn = options.convertOn ?? 'won';
  const byOpp = new Map<string, Touchpoint[]>();
  const byLead = new Map<string, Touchpoint[]>();
  const byAccount = new Map<string, Touchpoint[]>();
  const push = (map: Map<string, Touchpoint[]>, key: string | undefined, t: Touchpoint) => {
    if (key === undefined) return;
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of data.touchpoints) {
    push(byOpp, t.opportunityId, t);
    push(byLead, t.leadId, t);
    push(byAccount, t.accountId, t);
  }
  const leads = new Map((data.leads ?? []).map((l) => [l.id, l]));
  const used = new Set<Touchpoint>();
  const excluded = { beforeLookback: 0, afterConversion: 0, unlinked: 0 };
  const journeys: Journey[] = [];
  const convertedLeads = new Set<string>();

  for (const opp of data.opportunities) {
    const won = opp.won === true;
    if (convertOn === 'won' && (!won || opp.closedAt === undefined)) continue;
    const at = toEpochMs(convertOn === 'won' ? opp.closedAt : opp.createdAt);
    const linked = new Set<Touchpoint>();
    for (const t of byOpp.get(opp.id) ?? []) linked.add(t);
    for (const id of opp.leadIds ?? []) {
      convertedLeads.add(id);
      for (const t of byLead.get(id) ?? []) linked.add(t);
    }
    if (opp.accountId !== undefined) for (const t of byAccount.get(opp.accountId) ?? []) linked.add(t);
    const touches: { t: Touchpoint; at: number }[] = [];
    for (const t of linked) {
      const when = toEpochMs(t.at);
      used.add(t);
      if (when > at) excluded.afterConversion++;
      else if (when < at - lookback) excluded.beforeLookback++;
      else touches.push({ t, at: when });
    }
    if (touches.length === 0) continue;
    touches.sort((a, b) => a.at - b.at || (a.t.id < b.t.id ? -1 : 1));
    const lead = leads.get(opp.leadIds?.[0] ?? '');
    journeys.push({
      id: opp.id,
      touches: touches.map(
        ({ t }): JourneyTouch => ({
          channel: t.channel,
          at: t.at,
          ...(t.campaignId ? { campaignId: t.campaignId } : {}),
        }),
      ),
      conversions: 1,
      value: opp.amount,
      nulls: 0,
      convertedAt: at,
      ...(lead ? { leadCreatedAt: lead.createdAt } : {}),
      opportunityCreatedAt: opp.createdAt,
    });
  }

  if (options.nonConverting ?? true) {
    const end = options.asOf ?? Number.POSITIVE_INFINITY;
    for (const [leadId, list] of byLead) {
      if (convertedLeads.has(leadId)) continue;
      const touches = list
        .map((t) => ({ t, at: toEpochMs(t.at) }))
        .filter((x) => x.at <= end)
        .sort((a, b) => a.at - b.at || (a.t.id < b.t.id ? -1 : 1));
      if (touches.length === 0) continue;
      for (const { t } of touches) used.add(t);
      const lead = leads.get(leadId);
      journeys.push({
        id: leadId,
        touches: touches.map(
          ({ t }): JourneyTouch => ({
            channel: t.channel,
            at: t.at,
            ...(t.campaignId ? { campaignId: t.campaignId } : {}),
          }),
        ),
        conversions: 0,
        value: 0,
        nulls: 1,
        ...(lead ? { leadCreatedAt: lead.createdAt } : {}),
      });
    }
  }
  for (const t of data.touchpoints) if (!used.has(t)) excluded.unlinked++;
  return { journeys, excluded };
}
