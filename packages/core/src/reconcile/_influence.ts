import { toEpochMs } from '../_lib/instant';
import type { AttributionModel, AttributionSettings } from '../agreement/agreement.types';
import { attribute } from '../attribution/attribute';
import type { Journey, JourneyTouch } from '../attribution/attribution.types';
import { buildJourneys } from '../attribution/buildJourneys';
import type { Lead, Opportunity, Touchpoint } from '../records/records.types';

const DAY = 86_400_000;
const DATA_DRIVEN: readonly AttributionModel[] = ['markov', 'shapley'];

/** A touch linked to a deal that the agreed window leaves out. */
export interface OutsideTouch {
  channel: string;
  campaignId?: string | undefined;
  at: number;
  /** Before the lookback window, or after the deal was created. */
  side: 'before' | 'after';
}

/** What the CRM's touches support for the deals with influence claims. */
export interface InfluenceBasis {
  /** The deal's touches inside the agreed window, in time order (the journey `buildJourneys` builds). */
  touchesOf(opportunityId: string): readonly JourneyTouch[];
  /** Each in-window touch's share of the deal under `model` (they add up to 1 when the deal has touches). */
  sharesOf(opportunityId: string, model: AttributionModel): readonly number[];
  /** The deal's linked touches outside the agreed window. */
  outsideOf(opportunityId: string): readonly OutsideTouch[];
}

/**
 * The touches of each claimed deal, split by the agreed window, and their shares of the deal under any
 * model. Journeys come from {@link buildJourneys} with `convertOn: 'opportunity'` (the deal's creation
 * is the conversion: influenced *pipeline*), so a touch is linked to a deal exactly as attribution
 * links it — it names the deal, one of its leads, or its account — and counts when it falls in
 * [created − lookbackDays, created]. Rule-based models give each touch its share of its own journey
 * (`attribute(…, { perJourney: true })`). Data-driven models (Markov, Shapley) credit channels over all
 * journeys, not one: they are run over every deal of the period (with the non-converting journeys),
 * and a deal's share goes to its channels in proportion to each channel's credit per converting
 * journey it appears in, evenly over that channel's touches in the deal (evenly over all its touches
 * when none of its channels earned credit).
 */
export function createInfluenceBasis(
  deals: readonly Opportunity[],
  data: {
    touchpoints: readonly Touchpoint[];
    leads: readonly Lead[];
    /** Every deal of the period, for the data-driven models. */
    periodDeals: readonly Opportunity[];
  },
  settings: AttributionSettings,
): InfluenceBasis {
  const lookback = settings.lookbackDays;
  const { journeys } = buildJourneys(
    { touchpoints: data.touchpoints, leads: data.leads, opportunities: deals },
    { lookbackDays: lookback, convertOn: 'opportunity', nonConverting: false },
  );
  const journeyOf = new Map<string, { index: number; journey: Journey }>();
  journeys.forEach((journey, index) => {
    if (journey.id !== undefined) journeyOf.set(journey.id, { index, journey });
  });
  const shareCache = new Map<AttributionModel, Map<string, number[]>>();

  const ruleShares = (model: AttributionModel): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    for (const [id, { journey }] of journeyOf) out.set(id, new Array<number>(journey.touches.length).fill(0));
    if (journeys.length === 0) return out;
    const result = attribute(journeys, {
      model,
      perJourney: true,
      ...(model === 'time_decay' ? { halfLifeDays: settings.halfLifeDays ?? 7 } : {}),
    });
    for (const credit of result.journeys ?? []) {
      const id = journeys[credit.journey]?.id;
      const shares = id === undefined ? undefined : out.get(id);
      // Each journey converts once, so a touch's credited conversions are its share.
      if (shares) shares[credit.touch] = (shares[credit.touch] as number) + credit.conversions;
    }
    return out;
  };

  const dataDrivenShares = (model: AttributionModel): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    if (journeys.length === 0) return out;
    const global = buildJourneys(
      { touchpoints: data.touchpoints, leads: data.leads, opportunities: data.periodDeals },
      { lookbackDays: lookback, convertOn: 'opportunity' },
    ).journeys;
    const result = attribute(global, { model });
    const appearances = new Map<string, number>();
    for (const j of global) {
      if ((j.conversions ?? 0) === 0) continue;
      for (const channel of new Set(j.touches.map((t) => t.channel)))
        appearances.set(channel, (appearances.get(channel) ?? 0) + 1);
    }
    const weight = new Map<string, number>();
    for (const c of result.channels) {
      const n = appearances.get(c.channel) ?? 0;
      weight.set(c.channel, n > 0 && c.conversions > 0 ? c.conversions / n : 0);
    }
    for (const [id, { journey }] of journeyOf) {
      const touches = journey.touches;
      const count = new Map<string, number>();
      for (const t of touches) count.set(t.channel, (count.get(t.channel) ?? 0) + 1);
      let total = 0;
      for (const channel of count.keys()) total += weight.get(channel) ?? 0;
      out.set(
        id,
        touches.map((t) =>
          total > 0 ? (weight.get(t.channel) ?? 0) / total / (count.get(t.channel) as number) : 1 / touches.length,
        ),
      );
    }
    return out;
  };

  // Linked touches outside the window, for the explanations: the same links as buildJourneys.
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
  const outside = new Map<string, OutsideTouch[]>();
  for (const opp of deals) {
    const linked = new Set<Touchpoint>(byOpp.get(opp.id) ?? []);
    for (const id of opp.leadIds ?? []) for (const t of byLead.get(id) ?? []) linked.add(t);
    if (opp.accountId !== undefined) for (const t of byAccount.get(opp.accountId) ?? []) linked.add(t);
    const created = toEpochMs(opp.createdAt);
    const list: OutsideTouch[] = [];
    for (const t of linked) {
      const at = toEpochMs(t.at);
      const side = at > created ? 'after' : at < created - lookback * DAY ? 'before' : null;
      if (side) list.push({ channel: t.channel, campaignId: t.campaignId, at, side });
    }
    list.sort((a, b) => a.at - b.at);
    outside.set(opp.id, list);
  }

  return {
    touchesOf: (id) => journeyOf.get(id)?.journey.touches ?? [],
    sharesOf: (id, model) => {
      let shares = shareCache.get(model);
      if (!shares) {
        shares = DATA_DRIVEN.includes(model) ? dataDrivenShares(model) : ruleShares(model);
        shareCache.set(model, shares);
      }
      return shares.get(id) ?? [];
    },
    outsideOf: (id) => outside.get(id) ?? [],
  };
}
