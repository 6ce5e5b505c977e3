// Story data for the ICP, buying-committee and win/loss widgets (FitBadge, CommitteeCoverage,
// WinLossPanel): the seeded sample plus the core's sample sections, with small explicit, deterministic
// edits the generator does not make (a `title` on each contact, loss reasons and objection themes on
// lost deals). Never published (package.json "files" excludes src/_stories).
import {
  type Account,
  type Agreement,
  type CommitteeCoverage,
  defaultAgreement,
  evaluateCommitteeCoverage,
  type IcpTier,
  type Lead,
  type Opportunity,
  parseAgreement,
  sampleAccountPlays,
  sampleIcp,
  sampleWinLoss,
  scoreLead,
} from '@accord/core';
import type { AccordAdapter } from '../provider/adapter.types';
import { createStoryAdapter, type StoryAdapter, type StoryAdapterData } from './adapters';
import { SAMPLE_NOW, sample } from './sample';

/** `defaultAgreement` with the core's sample ICP, intent signals, account plays and win/loss catalog. */
export const playsAgreement: Agreement = parseAgreement({
  ...defaultAgreement,
  ...sampleIcp,
  ...sampleAccountPlays,
  ...sampleWinLoss,
});

/** A small deterministic hash of a string to [0, 1): the same record always gets the same edit. */
function unit(id: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 10_000) / 10_000;
}

const COMPETITORS = ['Pipewise', 'FunnelForge', 'LeadLoop'] as const;
const GAPS = ['SAML single sign-on', 'Multi-currency forecasting', 'Native Dynamics connector'] as const;
/** Loss reasons with their share of lost deals (sums to 1), in the sample catalog's order. */
const REASONS = [
  ['no_decision', 0.32],
  ['competitor', 0.22],
  ['price', 0.16],
  ['timing', 0.12],
  ['product_gap', 0.12],
  ['other', 0.06],
] as const;
const THEMES = sampleWinLoss.winLoss.themes?.map((t) => t.id) ?? [];

/**
 * Job titles as a CRM would spell them for the sample's champions: the sample roles recognise a
 * champion by "director / manager … of revenue, sales, marketing or operations", which the
 * generator's "Sales Director" and "Marketing Manager" do not read as.
 */
const TITLE_EDITS: Readonly<Record<string, string>> = {
  'Sales Director': 'Director, Sales Operations',
  'Marketing Manager': 'Manager, Marketing Operations',
};

/** The sample's leads, each with `attributes.title` (its job title), which the committee roles read. */
export const playsLeads: readonly Lead[] = sample.leads.map((lead) => {
  const job = lead.attributes?.['jobTitle'];
  if (typeof job !== 'string') return lead;
  return { ...lead, attributes: { ...lead.attributes, title: TITLE_EDITS[job] ?? job } };
});

/** The loss of a lost deal: a reason drawn by its id's hash, with the details the catalog requires. */
function lossOf(opp: Opportunity): NonNullable<Opportunity['loss']> {
  const u = unit(opp.id, 1);
  let acc = 0;
  let reasonId: string = REASONS[0][0];
  for (const [id, share] of REASONS) {
    acc += share;
    if (u < acc) {
      reasonId = id;
      break;
    }
  }
  const pick = <T>(list: readonly T[]) => list[Math.floor(unit(opp.id, 2) * list.length)] as T;
  const detail =
    reasonId === 'competitor'
      ? pick(COMPETITORS)
      : reasonId === 'product_gap'
        ? pick(GAPS)
        : reasonId === 'other'
          ? 'Champion left the company'
          : undefined;
  return { reasonId, ...(detail === undefined ? {} : { detail }), ...(opp.closedAt ? { at: opp.closedAt } : {}) };
}

const leadById = new Map(sample.leads.map((l) => [l.id, l] as const));

/**
 * The sample's opportunities with each deal's campaign and segment (its first lead's), a loss reason on
 * every lost deal, and zero to two objection themes on closed deals.
 */
export const playsOpportunities: readonly Opportunity[] = sample.opportunities.map((opp) => {
  const lead = opp.leadIds?.[0] === undefined ? undefined : leadById.get(opp.leadIds[0]);
  const out: Opportunity = { ...opp };
  if (lead?.campaignId !== undefined) out.campaignId = lead.campaignId;
  if (lead?.segment !== undefined) out.segment = lead.segment;
  if (opp.closedAt !== undefined && opp.won === false) out.loss = lossOf(opp);
  if (opp.closedAt !== undefined) {
    const count = Math.floor(unit(opp.id, 3) * 3);
    const first = Math.floor(unit(opp.id, 4) * THEMES.length);
    const themes = Array.from({ length: count }, (_, k) => THEMES[(first + k * 2) % THEMES.length] as string);
    if (themes.length > 0) out.themes = themes;
  }
  return out;
});

/** The sample's accounts. */
export const playsAccounts: readonly Account[] = sample.accounts;

/** Records of the plays stories. */
export interface PlaysData extends StoryAdapterData {
  accounts?: readonly Account[];
}

/** The plays records: leads with titles, enriched opportunities, the sample's other records and accounts. */
export const playsData: PlaysData = {
  ...sample,
  leads: playsLeads,
  opportunities: playsOpportunities,
  accounts: playsAccounts,
};

/**
 * @name createPlaysAdapter
 * @category Stories
 * @summary A story adapter over plays records that also lists accounts (`listAccounts`).
 *
 * @example
 * parameters: { accord: { agreement: playsAgreement, adapter: () => createPlaysAdapter() } }
 */
export function createPlaysAdapter(data: PlaysData = playsData, name = 'story-plays'): StoryAdapter & AccordAdapter {
  const base = createStoryAdapter(data, name);
  const accounts = data.accounts ?? [];
  return {
    ...base,
    listAccounts: async (options = {}) => {
      const limit = options.limit ?? 1000;
      const start = options.cursor ? Number(options.cursor) : 0;
      const end = Math.min(accounts.length, start + limit);
      return { records: accounts.slice(start, end), nextCursor: end < accounts.length ? String(end) : null };
    },
  };
}

/** The contacts (leads) of an account in the plays data. */
export function contactsOf(accountId: string, leads: readonly Lead[] = playsLeads): Lead[] {
  return leads.filter((l) => l.accountId === accountId);
}

/**
 * The first account in the plays data whose segment is `segment` and that has at least `minContacts`
 * contacts (the committee stories need an account whose committee is partly covered).
 */
export function accountIn(segment: string, minContacts = 1): Account {
  const account = playsAccounts.find((a) => a.segment === segment && contactsOf(a.id).length >= minContacts);
  if (!account) throw new Error(`[accord] the seed-1 sample has no ${segment} account with ${minContacts} contacts`);
  return account;
}

/** The first plays lead whose ICP tier (at the sample's export instant) is `tier` and that has intent signals when `engaged`. */
export function leadInTier(tier: IcpTier, engaged = false): Lead {
  const lead = playsLeads.find((l) => {
    const s = scoreLead(l, sample.activities, playsAgreement, { now: SAMPLE_NOW, touchpoints: sample.touchpoints });
    return s.fit.tier === tier && (!engaged || s.engagement.score > 0);
  });
  if (!lead) throw new Error(`[accord] the seed-1 sample has no lead in ICP tier ${tier}`);
  return lead;
}

/** The first plays account whose committee coverage (at the sample's export instant) passes `test`. */
export function accountByCoverage(test: (coverage: CommitteeCoverage, contacts: readonly Lead[]) => boolean): Account {
  for (const account of playsAccounts) {
    const contacts = contactsOf(account.id);
    const coverage = evaluateCommitteeCoverage(account, contacts, sample.activities, playsAgreement, {
      now: SAMPLE_NOW,
    });
    if (test(coverage, contacts)) return account;
  }
  throw new Error('[accord] no seed-1 sample account has that committee coverage');
}
