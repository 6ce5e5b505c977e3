import { toEpochMs } from '../_lib/instant';
import type { Agreement, LossCategory, LossReason } from '../agreement/agreement.types';
import type { Lead, Opportunity } from '../records/records.types';
import type { CountedId } from './winloss.types';

/** The bucket of lost deals that carry no loss reason: legitimate data, but it must stay visible. */
export const UNSPECIFIED = 'unspecified';
export const UNSPECIFIED_LABEL = 'Unspecified';

/**
 * How a deal ended: `true` won, `false` lost, `undefined` still open. The `won` flag decides; without
 * it, the kind of the deal's stage (`won` / `lost`) does — the scorecard reads deals the same way.
 */
export type Outcome = boolean | undefined;

/** A reader of deal outcomes for one agreement. */
export function outcomeReader(agreement: Agreement): (o: Opportunity) => Outcome {
  const kindOf = new Map(agreement.stages.map((s) => [s.id, s.kind ?? 'open'] as const));
  return (o) => {
    if (o.won !== undefined) return o.won;
    const kind = kindOf.get(o.stage);
    return kind === 'won' ? true : kind === 'lost' ? false : undefined;
  };
}

/** A closed deal: its outcome is known and it has a valid `closedAt`. */
export interface ClosedDeal {
  index: number;
  deal: Opportunity;
  won: boolean;
  closedAt: number;
}

/**
 * The closed deals among `opportunities`, in input order, optionally only those closed in
 * `[from, to)`. A deal with an outcome but no (valid) `closedAt` cannot be placed in time, so it is
 * not a closed deal here (in CRMs an open deal's close date is only its expected one).
 */
export function closedDeals(
  opportunities: readonly Opportunity[],
  agreement: Agreement,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): ClosedDeal[] {
  const outcome = outcomeReader(agreement);
  const out: ClosedDeal[] = [];
  opportunities.forEach((deal, index) => {
    if (deal.closedAt === undefined) return;
    const won = outcome(deal);
    if (won === undefined) return;
    const closedAt = toEpochMs(deal.closedAt);
    if (!(closedAt >= from && closedAt < to)) return;
    out.push({ index, deal, won, closedAt });
  });
  return out;
}

/** The catalog of loss reasons and themes, indexed. */
export interface Catalog {
  reasons: ReadonlyMap<string, LossReason>;
  themes: ReadonlyMap<string, string>;
}

export function catalogOf(agreement: Agreement): Catalog {
  return {
    reasons: new Map((agreement.winLoss?.lossReasons ?? []).map((r) => [r.id, r] as const)),
    themes: new Map((agreement.winLoss?.themes ?? []).map((t) => [t.id, t.label] as const)),
  };
}

/** The loss reason id a lost deal counts under: its reason, or `unspecified`. */
export const reasonIdOf = (deal: Opportunity): string => deal.loss?.reasonId ?? UNSPECIFIED;

/** The category a lost deal counts under; unknown reasons have no category, so `unspecified`. */
export function categoryOf(deal: Opportunity, catalog: Catalog): LossCategory | 'unspecified' {
  const id = deal.loss?.reasonId;
  return (id === undefined ? undefined : catalog.reasons.get(id)?.category) ?? UNSPECIFIED;
}

/** The distinct themes of a deal, in first-seen order (a theme tagged twice is heard once). */
export const themesOf = (deal: Opportunity): string[] => [...new Set(deal.themes ?? [])];

/** Deterministic string order (code units; `localeCompare` would depend on the runtime's locale). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares group keys: text order, `null` last. */
export function compareKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

/** Counts ids into {@link CountedId}s, most first then by id; `share` = count ÷ `of` (0 when `of` is 0). */
export function countedIds(
  counts: ReadonlyMap<string, number>,
  of: number,
  labelOf: (id: string) => string,
): CountedId[] {
  return [...counts.entries()]
    .map(([id, count]) => ({ id, label: labelOf(id), count, share: of > 0 ? count / of : 0 }))
    .sort((a, b) => b.count - a.count || compareText(a.id, b.id));
}

/** The label of a loss reason id: the catalog's, `Unspecified`, or the id itself when unknown. */
export function reasonLabel(catalog: Catalog, id: string): string {
  return catalog.reasons.get(id)?.label ?? (id === UNSPECIFIED ? UNSPECIFIED_LABEL : id);
}

/** The label of a theme id: the catalog's, or the id itself when unknown. */
export const themeLabel = (catalog: Catalog, id: string): string => catalog.themes.get(id) ?? id;

/** Adds one to a counter map. */
export function bump<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The deal's first lead found among `leads` (in `leadIds` order), or `undefined`. */
export function firstLeadOf(deal: Opportunity, leadsById: ReadonlyMap<string, Lead>): Lead | undefined {
  for (const id of deal.leadIds ?? []) {
    const lead = leadsById.get(id);
    if (lead) return lead;
  }
  return undefined;
}

/** Leads by id; the first of duplicated ids wins (as {@link validateRecords} keeps it). */
export function indexLeads(leads: readonly Lead[]): Map<string, Lead> {
  const byId = new Map<string, Lead>();
  for (const lead of leads) if (!byId.has(lead.id)) byId.set(lead.id, lead);
  return byId;
}

/** A deal's source or campaign, falling back on its first lead's (CRMs often copy neither). */
export function dealField(
  deal: Opportunity,
  lead: Lead | undefined,
  field: 'source' | 'campaignId' | 'segment',
): string | null {
  const own = deal[field];
  if (own !== undefined && own !== '') return own;
  const fromLead = lead?.[field];
  return fromLead !== undefined && fromLead !== '' ? fromLead : null;
}
