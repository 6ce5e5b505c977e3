// Reconciliation data for the ReconciliationView and useReconciliation stories and tests: Marketing
// claims over a seeded sample's deals (for the real `reconcile` path), a small reconciliation written
// by hand, and a large synthetic one whose totals add up by construction. Never published; browser-safe.
import type {
  AccordIssue,
  DeltaClass,
  MarketingClaim,
  Opportunity,
  ReconciledClaim,
  Reconciliation,
  ReconciliationTotals,
} from '@accord/core';

/** The delta classes in the core's check order. */
export const DELTA_CLASSES: readonly DeltaClass[] = [
  'unmatched_opportunity',
  'duplicate_lead',
  'currency',
  'different_account',
  'stage_drift',
  'outside_window',
  'different_model',
];

const DAY = 86_400_000;
const MARKETING_CHANNELS = new Set(['organic_search', 'paid_search', 'email', 'paid_social', 'webinar', 'events']);

/**
 * @name marketingClaimsFor
 * @category Stories
 * @summary What a marketing dashboard would report over these deals: a sourced claim per deal from a
 * marketing channel, an influenced claim (the whole amount, last touch) on the others, plus the usual slips — a
 * deal filed under another account, one in euros, one resting on a year-old touch, one claimed twice,
 * one that is not in the CRM.
 *
 * @example
 * const claims = marketingClaimsFor(sample.opportunities);
 */
export function marketingClaimsFor(opportunities: readonly Opportunity[]): MarketingClaim[] {
  const claims: MarketingClaim[] = opportunities.map((o, i) => {
    const sourced = MARKETING_CHANNELS.has(o.source ?? '');
    const claim: MarketingClaim = {
      id: `MC-${String(1001 + i)}`,
      opportunityId: o.id,
      kind: sourced ? 'sourced' : 'influenced',
      // Dashboards commonly count a deal's whole amount as "influenced".
      amount: o.amount,
      currency: o.currency,
      ...(o.accountId === undefined ? {} : { accountId: o.accountId }),
      ...(o.leadIds?.[0] === undefined ? {} : { leadId: o.leadIds[0] }),
      ...(sourced ? {} : { model: 'last_touch' as const }),
      touchAt: new Date(Date.parse(String(o.createdAt)) - 12 * DAY).toISOString(),
      stage: o.stage,
      ...(o.source === undefined ? {} : { channel: o.source }),
      ...(o.campaignId === undefined ? {} : { campaignId: o.campaignId }),
    };
    return claim;
  });
  const edit = (i: number, change: Partial<MarketingClaim>) => {
    const claim = claims[i];
    if (claim) claims[i] = { ...claim, ...change };
  };
  edit(1, { accountId: 'A999901' });
  edit(2, { currency: 'EUR' });
  const third = opportunities[3];
  if (third) edit(3, { touchAt: new Date(Date.parse(String(third.createdAt)) - 400 * DAY).toISOString() });
  const first = claims[0];
  if (first) claims.push({ ...first, id: `MC-${String(1001 + claims.length)}` });
  claims.push({
    id: `MC-${String(1001 + claims.length)}`,
    opportunityId: 'O9999001',
    kind: 'sourced',
    amount: 2_500_000,
    currency: 'USD',
    channel: 'paid_search',
  });
  return claims;
}

const ISSUE_MESSAGE_CURRENCY = 'Expected the currency "USD" (the deal\'s); received "EUR". Pass a rate to convert it.';

/**
 * A reconciliation written by hand (USD, minor units): eight claims, every delta class, a class whose
 * claims cancel out (different model: −$20,000 and +$20,000), two unclaimed deals, three coded issues
 * and one claim refused at the boundary (a fractional amount: counted in no total).
 * Totals: claimed $2,030,000 = matched $750,000 + $1,280,000 of deltas; sourced $1,630,000 =
 * $500,000 + $1,130,000; influenced $400,000 = $250,000 + $150,000.
 */
export const handReconciliation: Reconciliation = {
  currency: 'USD',
  totals: {
    claimed: 203_000_000,
    matched: 75_000_000,
    deltas: {
      unmatched_opportunity: 25_000_000,
      duplicate_lead: 30_000_000,
      currency: 12_000_000,
      different_account: 40_000_000,
      stage_drift: 18_000_000,
      outside_window: 3_000_000,
      different_model: 0,
    },
    claims: 8,
  },
  byKind: {
    sourced: {
      claimed: 163_000_000,
      matched: 50_000_000,
      deltas: {
        unmatched_opportunity: 25_000_000,
        duplicate_lead: 30_000_000,
        currency: 0,
        different_account: 40_000_000,
        stage_drift: 18_000_000,
        outside_window: 0,
        different_model: 0,
      },
      claims: 5,
    },
    influenced: {
      claimed: 40_000_000,
      matched: 25_000_000,
      deltas: {
        unmatched_opportunity: 0,
        duplicate_lead: 0,
        currency: 12_000_000,
        different_account: 0,
        stage_drift: 0,
        outside_window: 3_000_000,
        different_model: 0,
      },
      claims: 3,
    },
  },
  claims: [
    {
      claimId: 'MC-1001',
      opportunityId: 'O0000001',
      kind: 'sourced',
      claimed: 50_000_000,
      matched: 50_000_000,
      deltas: {},
      reasons: [],
    },
    {
      claimId: 'MC-1002',
      opportunityId: 'O0000404',
      kind: 'sourced',
      claimed: 25_000_000,
      matched: 0,
      deltas: { unmatched_opportunity: 25_000_000 },
      reasons: ['No CRM opportunity has the id O0000404.'],
    },
    {
      claimId: 'MC-1003',
      opportunityId: 'O0000001',
      kind: 'sourced',
      claimed: 30_000_000,
      matched: 0,
      deltas: { duplicate_lead: 30_000_000 },
      reasons: ['Opportunity O0000001 is claimed already (claim MC-1001).'],
    },
    {
      claimId: 'MC-1004',
      opportunityId: 'O0000003',
      kind: 'influenced',
      claimed: 12_000_000,
      matched: 0,
      deltas: { currency: 12_000_000 },
      reasons: ['The claim is in EUR, the deal in USD, and no rate converts it.'],
    },
    {
      claimId: 'MC-1005',
      opportunityId: 'O0000004',
      kind: 'sourced',
      claimed: 40_000_000,
      matched: 0,
      deltas: { different_account: 40_000_000 },
      reasons: ['Marketing filed the deal under account A999901; the CRM under A000053.'],
    },
    {
      claimId: 'MC-1006',
      opportunityId: 'O0000005',
      kind: 'influenced',
      claimed: 20_000_000,
      matched: 15_000_000,
      deltas: { outside_window: 3_000_000, different_model: 2_000_000 },
      reasons: [
        'Two touches fall more than 90 days before the deal was created.',
        'Marketing credits $200,000 under last touch; W-shaped credits $150,000.',
      ],
    },
    {
      claimId: 'MC-1007',
      opportunityId: 'O0000006',
      kind: 'influenced',
      claimed: 8_000_000,
      matched: 10_000_000,
      deltas: { different_model: -2_000_000 },
      reasons: ['Marketing credits $80,000 under first touch; W-shaped credits $100,000.'],
    },
    {
      claimId: 'MC-1008',
      opportunityId: 'O0000007',
      kind: 'sourced',
      claimed: 18_000_000,
      matched: 0,
      deltas: { stage_drift: 18_000_000 },
      reasons: ['The deal is at "discovery", which the agreement does not count as pipeline.'],
    },
  ],
  unclaimed: [
    { opportunityId: 'O0000009', amount: 9_000_000 },
    { opportunityId: 'O0000008', amount: 22_000_000 },
  ],
  issues: [
    {
      code: 'currency_mismatch',
      path: ['marketingClaims', 3, 'currency'],
      message: ISSUE_MESSAGE_CURRENCY,
      expected: 'USD',
      received: 'EUR',
    },
    {
      code: 'unknown_opportunity',
      path: ['marketingClaims', 1, 'opportunityId'],
      message: 'The claim names an opportunity the CRM does not have.',
      opportunityId: 'O0000404',
    },
    {
      code: 'not_integer',
      path: ['marketingClaims', 8, 'amount'],
      message: 'Expected an integer amount in minor units; the claim is counted in no total.',
    },
  ] as AccordIssue[],
  refused: [{ index: 8, claimId: 'MC-1009', opportunityId: 'O0000010', fields: ['amount'] }],
  attribution: { model: 'w_shaped', lookbackDays: 90 },
};

/** A tiny seeded PRNG (mulberry32) for the synthetic data: the same seed, the same claims. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function zeroTotals(): ReconciliationTotals {
  return {
    claimed: 0,
    matched: 0,
    deltas: Object.fromEntries(DELTA_CLASSES.map((c) => [c, 0])) as Record<DeltaClass, number>,
    claims: 0,
  };
}

function add(totals: ReconciliationTotals, claim: ReconciledClaim): void {
  totals.claimed += claim.claimed;
  totals.matched += claim.matched;
  totals.claims += 1;
  for (const c of DELTA_CLASSES) totals.deltas[c] += claim.deltas[c] ?? 0;
}

/**
 * @name syntheticReconciliation
 * @category Stories
 * @summary A reconciliation of `count` synthetic claims (seeded), every claim's deltas splitting its
 * gap exactly, totals summed from the claims — so claimed = matched + Σ deltas holds in every kind.
 *
 * @example
 * const large = syntheticReconciliation(5_000, { seed: 7 });
 */
export function syntheticReconciliation(
  count: number,
  options: { seed?: number; claimIdOf?: (i: number) => string; reason?: (c: DeltaClass) => string } = {},
): Reconciliation {
  const random = prng(options.seed ?? 1);
  const claimIdOf = options.claimIdOf ?? ((i: number) => `MC-${String(100_001 + i)}`);
  const reason = options.reason ?? ((c: DeltaClass) => `Synthetic finding: ${c.replace(/_/g, ' ')}.`);
  const totals = zeroTotals();
  const byKind = { sourced: zeroTotals(), influenced: zeroTotals() };
  const claims: ReconciledClaim[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random() < 0.55 ? 'sourced' : 'influenced';
    const claimed = 100 * Math.round(5_000 + random() * 495_000);
    const deltas: Partial<Record<DeltaClass, number>> = {};
    const reasons: string[] = [];
    let matched = claimed;
    const roll = random();
    if (roll < 0.45) {
      // Matched in full.
    } else if (roll < 0.65) {
      const c = DELTA_CLASSES[Math.floor(random() * 5)] as DeltaClass;
      deltas[c] = claimed;
      matched = 0;
      reasons.push(reason(c));
    } else {
      // Part of the claim: outside the window and/or another model (which may credit more than claimed).
      const outside = random() < 0.5 ? 100 * Math.round((claimed / 100) * random() * 0.3) : 0;
      const model = 100 * Math.round((claimed / 100) * (random() * 0.5 - 0.2));
      if (outside !== 0) {
        deltas.outside_window = outside;
        reasons.push(reason('outside_window'));
      }
      if (model !== 0) {
        deltas.different_model = model;
        reasons.push(reason('different_model'));
      }
      matched = claimed - outside - model;
    }
    const claim: ReconciledClaim = {
      claimId: claimIdOf(i),
      opportunityId: `O${String(2_000_001 + i)}`,
      kind,
      claimed,
      matched,
      deltas,
      reasons,
    };
    claims.push(claim);
    add(totals, claim);
    add(byKind[kind], claim);
  }
  const unclaimed = Array.from({ length: Math.ceil(count / 100) }, (_, i) => ({
    opportunityId: `O${String(3_000_001 + i)}`,
    amount: 100 * Math.round(10_000 + random() * 200_000),
  }));
  return {
    currency: 'USD',
    totals,
    byKind,
    claims,
    unclaimed,
    issues: [],
    refused: [],
    attribution: { model: 'w_shaped', lookbackDays: 90 },
  };
}
