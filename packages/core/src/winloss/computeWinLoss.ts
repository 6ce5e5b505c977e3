import { toEpochMs } from '../_lib/instant';
import { wilson } from '../_lib/wilson';
import type { Agreement, LossCategory } from '../agreement/agreement.types';
import { accordError, finalizeIssues } from '../errors/errorMap';
import type { PathSegment, RawIssue } from '../errors/errors.types';
import { scoreLead } from '../icp/scoreLead';
import { tierAccount } from '../icp/tierAccount';
import type { Account, Lead } from '../records/records.types';
import {
  bump,
  type Catalog,
  type ClosedDeal,
  catalogOf,
  categoryOf,
  closedDeals,
  compareKey,
  compareText,
  countedIds,
  dealField,
  firstLeadOf,
  indexLeads,
  reasonIdOf,
  reasonLabel,
  themeLabel,
  themesOf,
} from './_deals';
import { lossIssues } from './_lossIssues';
import type { ComputeWinLossOptions, WinLossData, WinLossDimension, WinLossResult, WinLossRow } from './winloss.types';

const DAY = 86_400_000;
const DIMENSIONS: readonly WinLossDimension[] = ['source', 'campaignId', 'segment', 'tier', 'accountTier'];

/** What one group of deals adds up to, before it becomes a row. */
interface Tally {
  closed: number;
  won: number;
  lost: number;
  noDecision: number;
  cyclesWon: number[];
  cyclesLost: number[];
  wonAmount: number;
  lostAmount: number;
  reasons: Map<string, number>;
  categories: Map<LossCategory | 'unspecified', number>;
  themes: Map<string, number>;
}

const emptyTally = (): Tally => ({
  closed: 0,
  won: 0,
  lost: 0,
  noDecision: 0,
  cyclesWon: [],
  cyclesLost: [],
  wonAmount: 0,
  lostAmount: 0,
  reasons: new Map(),
  categories: new Map(),
  themes: new Map(),
});

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Adds one closed deal to a tally. `inCurrency`: whether its amount is summed. */
function add(t: Tally, d: ClosedDeal, catalog: Catalog, inCurrency: boolean): void {
  t.closed++;
  const cycle = (d.closedAt - toEpochMs(d.deal.createdAt)) / DAY;
  // A deal closed before it was created has no cycle (reported as invalid_interval); it still counts.
  const hasCycle = cycle >= 0;
  if (d.won) {
    t.won++;
    if (hasCycle) t.cyclesWon.push(cycle);
    if (inCurrency) t.wonAmount += d.deal.amount;
  } else {
    t.lost++;
    if (hasCycle) t.cyclesLost.push(cycle);
    if (inCurrency) t.lostAmount += d.deal.amount;
    bump(t.reasons, reasonIdOf(d.deal));
    const category = categoryOf(d.deal, catalog);
    bump(t.categories, category);
    if (category === 'no_decision') t.noDecision++;
  }
  for (const theme of themesOf(d.deal)) bump(t.themes, theme);
}

function toRow(t: Tally, catalog: Catalog): Omit<WinLossRow, 'group'> {
  return {
    closed: t.closed,
    won: t.won,
    lost: t.lost,
    winRate: wilson(t.won, t.closed),
    noDecisionRate: wilson(t.noDecision, t.closed),
    cycleDaysWon: median(t.cyclesWon),
    cycleDaysLost: median(t.cyclesLost),
    wonAmount: t.wonAmount,
    lostAmount: t.lostAmount,
    lossReasons: countedIds(t.reasons, t.lost, (id) => reasonLabel(catalog, id)),
    lossCategories: [...t.categories.entries()]
      .map(([category, count]) => ({ category, count, share: t.lost > 0 ? count / t.lost : 0 }))
      .sort((a, b) => b.count - a.count || compareText(a.category, b.category)),
    themes: countedIds(t.themes, t.closed, (id) => themeLabel(catalog, id)),
  };
}

/** The agreement's currency, else the most common one among the deals (ties: alphabetical). */
function reportingCurrency(agreement: Agreement, deals: readonly ClosedDeal[]): string | null {
  if (agreement.currency !== undefined) return agreement.currency;
  const counts = new Map<string, number>();
  for (const d of deals) bump(counts, d.deal.currency);
  let best: string | null = null;
  for (const [code, n] of counts)
    if (best === null || n > (counts.get(best) as number) || (n === counts.get(best) && code < best)) best = code;
  return best;
}

function instantOption(value: unknown, name: string, raw: RawIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : toEpochMs(value);
  if (Number.isNaN(ms)) raw.push({ code: 'invalid_instant', path: [name], received: String(value) });
  return ms;
}

/**
 * @name computeWinLoss
 * @category Win/loss
 * @summary Win rate, no-decision rate, cycle length, amounts, loss reasons and objection themes of closed deals, by group.
 *
 * @description
 * A deal is **closed** when its outcome is known — the `won` flag, or a stage of kind `won` / `lost`
 * when the flag is absent (as the scorecard reads deals) — and it has a `closedAt`; with `from` /
 * `to`, only deals closed in `[from, to)` count. Open deals, and decided deals without a close date
 * (which cannot be placed in time), are not counted.
 *
 * **Groups** (`groupBy`, in the order given; none → one row for all deals):
 * - `source`, `campaignId`, `segment`: the deal's own field, else its first lead's (the first of
 *   `leadIds` found in `leads`) — CRMs often leave them on the lead only; `null` when neither has it.
 * - `tier`: the ICP tier of the deal's first lead — `options.tierOf(dealId)` when given, else the
 *   lead scored with {@link scoreLead} on the agreement's `icp` at `options.now` (`null` without a
 *   lead). Without `tierOf`, the agreement needs an `icp` and `now` must be given.
 * - `accountTier`: the target-account tier id of the deal's account — `options.accountTierOf` when
 *   given, else {@link tierAccount} on the account found in `accounts` (`null` when the deal has no
 *   account, it is not in `accounts`, or it is in no tier). Without `accountTierOf` the agreement
 *   needs a `targetAccounts` section.
 *
 * **Per row**: closed / won / lost counts; `winRate` (won ÷ closed) and `noDecisionRate` (lost with a
 * reason of category `no_decision` ÷ closed) as proportions with 95% Wilson intervals, so a 2-of-3
 * group reads as 67% (21–94%), not as a fact; median cycle days (created → closed, fractional) of
 * won and of lost deals; won and lost amounts in minor units; lost deals by reason (lost deals
 * without a reason count under `unspecified`; reasons outside the catalog keep their id as label)
 * and by category (unknown reasons have no category: `unspecified`); objection themes heard on
 * closed deals (each theme once per deal; share of closed deals, so shares may add up to more than 1).
 *
 * **Money**: amounts are summed in the agreement's `currency` (else the most common currency of the
 * counted deals, reported as `currency`). A deal in another currency gets a `currency_mismatch`
 * issue and is left out of the amounts only — it still counts as closed, won or lost — because
 * adding dollars to euros would silently change the numbers.
 *
 * **Issues**: {@link checkWinLoss}'s over all the deals given (unknown reasons and themes, reasons on
 * won deals, missing details, deals closed before they were created — whose cycle is then left out
 * of the medians), plus the currency mismatches of the counted deals; in input order. The deals
 * still count as recorded. Bad options throw an `AccordError` (`invalid_argument`, `invalid_instant`).
 *
 * Deterministic: the same deals in any order give the same rows, sorted by the group values in
 * `groupBy` order (text order, `null` last).
 *
 * @param data - `{ opportunities, leads?, accounts? }`.
 * @param agreement - The agreement: its `winLoss` catalog, stages, currency, and `icp` / `targetAccounts` for the tier dimensions.
 * @param options - {@link ComputeWinLossOptions}.
 * @returns {@link WinLossResult}: `rows`, `totals`, `currency` and `issues`.
 * @throws {AccordError} On an unknown or repeated dimension, a bad `from` / `to` / `now`, or a tier dimension the agreement cannot compute.
 *
 * @example
 * const agreement = { ...defaultAgreement, ...sampleWinLoss }
 * const result = computeWinLoss({ opportunities, leads }, agreement, { groupBy: ['source'] })
 * result.rows[0] //=> { group: { source: 'events' }, closed: 3, won: 2, lost: 1,
 * //                     winRate: { value: 0.667, low: 0.208, high: 0.939, … }, lossReasons: [{ id: 'price', … }], … }
 */
export function computeWinLoss(
  data: WinLossData,
  agreement: Agreement,
  options: ComputeWinLossOptions = {},
): WinLossResult {
  const raw: RawIssue[] = [];
  const argument = (path: PathSegment[], detail: string) => raw.push({ code: 'invalid_argument', path, detail });
  const groupBy = [...(options.groupBy ?? [])];
  groupBy.forEach((dim, i) => {
    if (!DIMENSIONS.includes(dim))
      argument(['groupBy', i], `unknown dimension ${JSON.stringify(dim)}: use ${DIMENSIONS.join(', ')}`);
    else if (groupBy.indexOf(dim) !== i) argument(['groupBy', i], `the dimension "${dim}" is listed twice`);
  });
  const from = instantOption(options.from, 'from', raw) ?? Number.NEGATIVE_INFINITY;
  const to = instantOption(options.to, 'to', raw) ?? Number.POSITIVE_INFINITY;
  if (from >= to) argument(['to'], '"to" must be after "from"');
  const now = instantOption(options.now, 'now', raw);
  const tierAt = groupBy.indexOf('tier');
  if (tierAt >= 0 && !options.tierOf) {
    if (!agreement.icp)
      argument(['groupBy', tierAt], 'grouping by "tier" needs the agreement\'s "icp" section, or options.tierOf');
    else if (now === undefined)
      argument(
        ['now'],
        'grouping by "tier" scores each deal\'s first lead at "now": pass options.now, or options.tierOf',
      );
  }
  const accountTierAt = groupBy.indexOf('accountTier');
  if (accountTierAt >= 0 && !options.accountTierOf && !agreement.targetAccounts)
    argument(
      ['groupBy', accountTierAt],
      'grouping by "accountTier" needs the agreement\'s "targetAccounts" section, or options.accountTierOf',
    );
  if (raw.length > 0) throw accordError(raw, options.errorMap);

  const catalog = catalogOf(agreement);
  const leadsById = indexLeads(data.leads ?? []);
  const accountsById = new Map<string, Account>();
  for (const a of data.accounts ?? []) if (!accountsById.has(a.id)) accountsById.set(a.id, a);
  const deals = closedDeals(data.opportunities, agreement, from, to);
  const currency = reportingCurrency(agreement, deals);

  const tiers = new Map<Lead, string>();
  const tierOfLead = (lead: Lead): string => {
    let tier = tiers.get(lead);
    if (tier === undefined) {
      tier = scoreLead(lead, [], agreement, { now: now as number }).fit.tier;
      tiers.set(lead, tier);
    }
    return tier;
  };
  const accountTiers = new Map<string, string | null>();
  const accountTierOf = (accountId: string): string | null => {
    if (accountTiers.has(accountId)) return accountTiers.get(accountId) as string | null;
    let tier: string | null = null;
    if (options.accountTierOf) tier = options.accountTierOf(accountId);
    else {
      const account = accountsById.get(accountId);
      if (account) tier = tierAccount(account, agreement, now === undefined ? {} : { now }).tierId;
    }
    accountTiers.set(accountId, tier);
    return tier;
  };
  const groupValue = (d: ClosedDeal, lead: Lead | undefined, dim: WinLossDimension): string | null => {
    switch (dim) {
      case 'source':
      case 'campaignId':
      case 'segment':
        return dealField(d.deal, lead, dim);
      case 'tier':
        return options.tierOf ? options.tierOf(d.deal.id) : lead ? tierOfLead(lead) : null;
      case 'accountTier':
        return d.deal.accountId === undefined || d.deal.accountId === '' ? null : accountTierOf(d.deal.accountId);
    }
  };

  const groups = new Map<string, { values: (string | null)[]; tally: Tally }>();
  const totals = emptyTally();
  const mismatches: RawIssue[] = [];
  for (const d of deals) {
    const inCurrency = d.deal.currency === currency;
    if (!inCurrency)
      mismatches.push({
        code: 'currency_mismatch',
        path: ['opportunities', d.index, 'currency'],
        expected: currency as string,
        received: d.deal.currency,
      });
    const lead = firstLeadOf(d.deal, leadsById);
    const values = groupBy.map((dim) => groupValue(d, lead, dim));
    const key = JSON.stringify(values);
    let group = groups.get(key);
    if (!group) {
      group = { values, tally: emptyTally() };
      groups.set(key, group);
    }
    add(group.tally, d, catalog, inCurrency);
    add(totals, d, catalog, inCurrency);
  }

  const rows: WinLossRow[] = [...groups.values()]
    .sort((a, b) => {
      for (let i = 0; i < groupBy.length; i++) {
        const c = compareKey(a.values[i] as string | null, b.values[i] as string | null);
        if (c !== 0) return c;
      }
      return 0;
    })
    .map(({ values, tally }) => ({
      group: Object.fromEntries(groupBy.map((dim, i) => [dim, values[i] as string | null])),
      ...toRow(tally, catalog),
    }));

  // Issues in input order: a deal's own issues, then its currency.
  const issues = [...lossIssues(data.opportunities, agreement), ...mismatches].sort(
    (a, b) => (a.path[1] as number) - (b.path[1] as number),
  );
  return {
    groupBy,
    currency,
    rows,
    totals: toRow(totals, catalog),
    issues: [...finalizeIssues(issues, options.errorMap)],
  };
}
