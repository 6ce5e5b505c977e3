import type { Agreement } from '../agreement/agreement.types';
import { accordError, finalizeIssues } from '../errors/errorMap';
import type { RawIssue } from '../errors/errors.types';
import type { Account, Activity, Lead, Opportunity } from '../records/records.types';
import { nowMs } from './_engagement';
import type {
  CommitteeCoverage,
  SummarizeTargetAccountsOptions,
  TargetAccountData,
  TargetAccountRow,
  TargetAccountSummary,
} from './accounts.types';
import { evaluateCommitteeCoverage } from './evaluateCommitteeCoverage';
import { tierAccount } from './tierAccount';

type Dimension = 'tier' | 'segment';
type Stats = Omit<TargetAccountRow, 'group'>;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One account with everything its row needs. */
interface AccountFacts {
  account: Account;
  tierId: string | null;
  segment: string | null;
  coverage: CommitteeCoverage;
  opportunities: Opportunity[];
}

/** `won`, `lost` or `open`, as the scorecard decides it: the `won` flag, else the stage's kind. */
function outcomeOf(opp: Opportunity, kindOf: ReadonlyMap<string, string>): 'won' | 'lost' | 'open' {
  const kind = kindOf.get(opp.stage);
  if (opp.won === true || (opp.won === undefined && kind === 'won')) return 'won';
  if (opp.won === false || kind === 'lost') return 'lost';
  return 'open';
}

function checkGroupBy(groupBy: readonly string[]): void {
  const bad = groupBy.findIndex((d, i) => (d !== 'tier' && d !== 'segment') || groupBy.indexOf(d) !== i);
  if (bad !== -1)
    throw accordError([
      {
        code: 'invalid_argument',
        path: ['groupBy', bad],
        detail: `groupBy takes "tier", "segment" or both, each once; got ${JSON.stringify(groupBy)}`,
      },
    ]);
}

function stats(
  accounts: readonly AccountFacts[],
  kindOf: ReadonlyMap<string, string>,
  foreign: ReadonlySet<Opportunity>,
): Stats {
  let withRequirement = 0;
  let coverageSum = 0;
  let engaged = 0;
  let required = 0;
  let full = 0;
  let pipeline = 0;
  let wonRevenue = 0;
  let opportunities = 0;
  let won = 0;
  let closed = 0;
  for (const facts of accounts) {
    const { coverage } = facts.coverage;
    if (coverage !== null) {
      withRequirement += 1;
      coverageSum += coverage;
      engaged += facts.coverage.engaged;
      required += facts.coverage.required;
      if (coverage === 1) full += 1;
    }
    for (const opp of facts.opportunities) {
      opportunities += 1;
      const outcome = outcomeOf(opp, kindOf);
      // A deal in another currency still counts as a deal, but its amount is never mixed in.
      const amount = foreign.has(opp) ? 0 : opp.amount;
      if (outcome === 'open') pipeline += amount;
      else {
        closed += 1;
        if (outcome === 'won') {
          won += 1;
          wonRevenue += amount;
        }
      }
    }
  }
  return {
    accounts: accounts.length,
    committeeCoverage: {
      value: withRequirement === 0 ? null : coverageSum / withRequirement,
      numerator: engaged,
      denominator: required,
    },
    fullyCovered: {
      value: withRequirement === 0 ? null : full / withRequirement,
      numerator: full,
      denominator: withRequirement,
    },
    pipeline,
    wonRevenue,
    opportunities,
    winRate: { value: closed === 0 ? null : won / closed, numerator: won, denominator: closed },
  };
}

/**
 * @name summarizeTargetAccounts
 * @category ICP
 * @summary The account-based scorecard: committee coverage, pipeline, revenue and win rate per target tier and segment.
 *
 * @description
 * For every account: its target tier ({@link tierAccount}), its `segment` and its buying-committee
 * coverage at `now` ({@link evaluateCommitteeCoverage}, over its contacts — leads with its
 * `accountId` — and their activities). Opportunities belong to the account their `accountId` names.
 * Then one row per group — `groupBy` is `['tier']` (default), `['segment']` or both, the first
 * dimension ordering the rows — with:
 * - `accounts`;
 * - `committeeCoverage`: the **mean** of the accounts' coverage, over accounts a requirement applies
 *   to (each account weighs the same whatever its committee size); `numerator` / `denominator` are
 *   the engaged and required roles summed, for a role-weighted reading; `null` when no account has a
 *   requirement;
 * - `fullyCovered`: accounts with every required role engaged ÷ accounts with a requirement;
 * - `pipeline` (open deals) and `wonRevenue` (won deals), in minor units of the agreement's
 *   `currency` (default `USD`); `opportunities`; `winRate` = won ÷ closed. A deal is won or lost by
 *   its `won` flag, else by its stage's kind, else open — as the scorecard decides.
 *
 * Groups: tier ids in the agreement's order, then `null` (not targeted); segments alphabetically,
 * then `null` (no segment). Only groups with accounts get a row, except that grouping by tier alone
 * lists every tier of the agreement, so an empty tier shows as 0 accounts rather than vanishing.
 * `totals` covers every account; its counts and amounts equal the sum over the rows.
 *
 * Bad input is reported, never mixed in: an opportunity in another currency gets a
 * `currency_mismatch` issue (path `['opportunities', i, 'currency']`) and its amount is left out (the
 * deal still counts in `opportunities` and the win rate); a repeated account id gets `duplicate_id`
 * and only its first record counts. Opportunities without a known account are not account-based deals:
 * they are counted in `unlinkedOpportunities` only. Rows, totals and `accounts` do not depend on the
 * order of the inputs.
 *
 * @param data - `{ accounts, leads, activities, opportunities }`.
 * @param agreement - The agreement with `targetAccounts` and `buyingCommittee` (either may be absent).
 * @param options - `now` (required), `groupBy`, `errorMap` for the issues' messages.
 * @returns {@link TargetAccountSummary}: `{ groupBy, rows, totals, accounts, currency, unlinkedOpportunities, issues }`.
 * @throws {AccordError} `invalid_argument` for a `groupBy` other than tier and/or segment; `unknown_role`
 * for an unparsed agreement naming an undefined role.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp, ...sampleAccountPlays })
 * const summary = summarizeTargetAccounts(sample, agreement, { now: sample.asOf, groupBy: ['tier'] })
 * summary.rows[0]
 * //=> { group: { tier: 'tier1' }, accounts: 42, committeeCoverage: { value: 0.31, numerator: 52, denominator: 168 },
 * //     fullyCovered: { value: 0.05, numerator: 2, denominator: 42 }, pipeline: 9_120_000, wonRevenue: 4_800_000,
 * //     opportunities: 61, winRate: { value: 0.4, numerator: 16, denominator: 40 } }
 */
export function summarizeTargetAccounts(
  data: TargetAccountData,
  agreement: Agreement,
  options: SummarizeTargetAccountsOptions,
): TargetAccountSummary {
  const now = nowMs(options.now);
  const groupBy: readonly Dimension[] = options.groupBy ?? ['tier'];
  checkGroupBy(groupBy);
  const currency = agreement.currency ?? 'USD';
  const issues: RawIssue[] = [];

  // Accounts by id; a repeated id is reported and its later records ignored.
  const firstIndex = new Map<string, number>();
  data.accounts.forEach((account, i) => {
    const first = firstIndex.get(account.id);
    if (first === undefined) firstIndex.set(account.id, i);
    else
      issues.push({
        code: 'duplicate_id',
        path: ['accounts', i, 'id'],
        kind: 'record',
        id: account.id,
        firstPath: ['accounts', first, 'id'],
      });
  });
  const accountIds = [...firstIndex.keys()].sort(byId);

  // Index once, so each account sees only its own contacts, activities and deals.
  const contactsOf = new Map<string, Lead[]>(accountIds.map((id) => [id, []]));
  const accountOfLead = new Map<string, string>();
  for (const lead of data.leads) {
    if (lead.accountId === undefined) continue;
    const list = contactsOf.get(lead.accountId);
    if (!list) continue;
    list.push(lead);
    accountOfLead.set(lead.id, lead.accountId);
  }
  const activitiesOf = new Map<string, Activity[]>(accountIds.map((id) => [id, []]));
  for (const activity of data.activities) {
    const accountId = accountOfLead.get(activity.leadId);
    if (accountId !== undefined) activitiesOf.get(accountId)?.push(activity);
  }
  const oppsOf = new Map<string, Opportunity[]>(accountIds.map((id) => [id, []]));
  const foreign = new Set<Opportunity>();
  let unlinkedOpportunities = 0;
  data.opportunities.forEach((opp, i) => {
    const list = opp.accountId === undefined ? undefined : oppsOf.get(opp.accountId);
    if (!list) {
      unlinkedOpportunities += 1;
      return;
    }
    list.push(opp);
    if (opp.currency !== currency) {
      foreign.add(opp);
      issues.push({
        code: 'currency_mismatch',
        path: ['opportunities', i, 'currency'],
        expected: currency,
        received: opp.currency,
      });
    }
  });

  const facts: AccountFacts[] = accountIds.map((id) => {
    const account = data.accounts[firstIndex.get(id) as number] as Account;
    return {
      account,
      tierId: tierAccount(account, agreement, { now }).tierId,
      segment: account.segment === undefined || account.segment === '' ? null : account.segment,
      coverage: evaluateCommitteeCoverage(account, contactsOf.get(id) ?? [], activitiesOf.get(id) ?? [], agreement, {
        now,
      }),
      opportunities: oppsOf.get(id) ?? [],
    };
  });

  // Group, in the documented order: tiers as the agreement lists them, segments alphabetically, null last.
  const tierOrder = new Map((agreement.targetAccounts?.tiers ?? []).map((t, i) => [t.id, i] as const));
  const rank = (dimension: Dimension, value: string | null): [number, string] =>
    value === null
      ? [Number.POSITIVE_INFINITY, '']
      : dimension === 'tier'
        ? [tierOrder.get(value) ?? tierOrder.size, value]
        : [0, value];
  const keyOf = (f: AccountFacts) => groupBy.map((d) => (d === 'tier' ? f.tierId : f.segment));
  const groups = new Map<string, { key: (string | null)[]; accounts: AccountFacts[] }>();
  if (groupBy.length === 1 && groupBy[0] === 'tier')
    for (const id of tierOrder.keys()) groups.set(JSON.stringify([id]), { key: [id], accounts: [] });
  for (const f of facts) {
    const key = keyOf(f);
    const k = JSON.stringify(key);
    const group = groups.get(k) ?? { key, accounts: [] };
    group.accounts.push(f);
    groups.set(k, group);
  }
  const compare = (a: (string | null)[], b: (string | null)[]): number => {
    for (const [i, d] of groupBy.entries()) {
      const [ra, sa] = rank(d, a[i] ?? null);
      const [rb, sb] = rank(d, b[i] ?? null);
      if (ra !== rb) return ra < rb ? -1 : 1;
      if (sa !== sb) return byId(sa, sb);
    }
    return 0;
  };
  const kindOf = new Map(agreement.stages.map((s) => [s.id, s.kind ?? 'open'] as const));
  const rows: TargetAccountRow[] = [...groups.values()]
    .sort((a, b) => compare(a.key, b.key))
    .map(({ key, accounts }) => ({
      group: Object.fromEntries(groupBy.map((d, i) => [d, key[i] ?? null])),
      ...stats(accounts, kindOf, foreign),
    }));

  return {
    groupBy,
    rows,
    totals: stats(facts, kindOf, foreign),
    accounts: facts.map((f) => ({
      accountId: f.account.id,
      tierId: f.tierId,
      segment: f.segment,
      coverage: f.coverage,
    })),
    currency,
    unlinkedOpportunities,
    issues: [...finalizeIssues(issues, options.errorMap)],
  };
}
