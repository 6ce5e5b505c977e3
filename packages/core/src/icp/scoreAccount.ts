import type { Agreement, IntentDefinition } from '../agreement/agreement.types';
import type { Account, Activity, Lead, Touchpoint } from '../records/records.types';
import { decayedPoints, matchingAges, nowMs, round1, signalDetail } from './_engagement';
import { scoreFit } from './_fit';
import type { AccountEngagementReason, AccountOptions, AccountScore } from './accounts.types';
import { tierAccount } from './tierAccount';

/** The key account-level touchpoints count under in `contributors`. */
const ACCOUNT = 'account';

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Who an event belongs to: a contact's lead id, or the account itself. */
interface Owner {
  id: string;
  activities: Activity[];
  touchpoints: Touchpoint[];
}

function engagement(
  owners: readonly Owner[],
  intent: IntentDefinition | undefined,
  now: number,
): { score: AccountScore['engagement']; engaged: Set<string> } {
  const engaged = new Set<string>();
  if (!intent) return { score: { score: 0, uncapped: 0, reasons: [] }, engaged };
  let total = 0;
  const reasons: AccountEngagementReason[] = intent.signals.map((signal) => {
    const all: number[] = [];
    const contributors: { leadId: string; points: number }[] = [];
    for (const owner of owners) {
      const ages = matchingAges(signal, owner.activities, owner.touchpoints, now);
      if (ages.length === 0) continue;
      all.push(...ages);
      contributors.push({ leadId: owner.id, points: round1(decayedPoints(signal, ages)) });
      if (owner.id !== ACCOUNT) engaged.add(owner.id);
    }
    // One sorted list for the signal's points, so the sum does not depend on who came first.
    all.sort((x, y) => x - y);
    const points = decayedPoints(signal, all);
    total += points;
    contributors.sort((a, b) => b.points - a.points || byId(a.leadId, b.leadId));
    const contacts = contributors.filter((c) => c.leadId !== ACCOUNT).length;
    const sources: string[] = [];
    if (contacts > 0) sources.push(`${contacts} contact${contacts === 1 ? '' : 's'}`);
    if (contributors.length > contacts) sources.push('the account');
    const from = sources.length === 0 ? '' : ` from ${sources.join(' and ')}`;
    return {
      signalId: signal.id,
      label: signal.label,
      events: all.length,
      points: round1(points),
      detail: signalDetail(signal, all, from),
      contributors,
    };
  });
  return { score: { score: round1(Math.min(intent.cap ?? 100, total)), uncapped: round1(total), reasons }, engaged };
}

/**
 * @name scoreAccount
 * @category ICP
 * @summary An account's fit and intent, from all its contacts and its own touchpoints.
 *
 * @description
 * Account-based plays judge the company, not one lead. The account's **contacts** are the given
 * leads whose `accountId` is the account's id (others are ignored, so you may pass every lead).
 *
 * **Engagement** is {@link scoreLead}'s intent score over the whole buying group: for each
 * `intent.signals` entry, every matching event of every contact (activities and touchpoints by
 * `leadId`) plus the account's own touchpoints (those whose `accountId` is the account's and whose
 * `leadId` is not one of its contacts — a visit known only by company, say) adds
 * `weight × 0.5^(age / halfLifeDays)`; the total is capped at `intent.cap` (default 100). Each
 * signal lists its `contributors` — the contacts by lead id, and `account` for the account's own
 * touchpoints — most points first (ties by id), so "who is driving this?" has an answer.
 * A touchpoint with both a contact's `leadId` and the `accountId` counts once, for the contact.
 *
 * **Fit** is the best contact's fit score (the ICP reads firmographics, which a company's contacts
 * share; the best one is the most complete record). Ties go to the smallest lead id; with no
 * contacts or no ICP, the fit is 0, tier `none`, `leadId: null`.
 *
 * `engagedContacts` counts the contacts with at least one counted event. The result does not
 * depend on the order of the inputs.
 *
 * @param account - The account.
 * @param contacts - Leads; those of other accounts are ignored.
 * @param activities - Sales activities; those of other leads are ignored.
 * @param agreement - The agreement with `icp`, `intent` and (for the `tier`) `targetAccounts`.
 * @param options - `now` (required) and `touchpoints`.
 * @returns {@link AccountScore}: `{ accountId, tier, fit, engagement, engagedContacts, contacts }`.
 * @throws {Error} When `now` or a counted event's `at` is not a valid instant.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp, ...sampleAccountPlays })
 * scoreAccount(account, leads, activities, agreement, { now, touchpoints })
 * //=> { accountId: 'A1', tier: { tierId: 'tier1', … }, fit: { score: 75, tier: 'B', leadId: 'L2' },
 * //     engagement: { score: 47.5, uncapped: 47.5, reasons: [{ signalId: 'demo_request', points: 30,
 * //       contributors: [{ leadId: 'L2', points: 30 }], … }, …] }, engagedContacts: 2, contacts: 3 }
 */
export function scoreAccount(
  account: Account,
  contacts: readonly Lead[],
  activities: readonly Activity[],
  agreement: Agreement,
  options: AccountOptions,
): AccountScore {
  const now = nowMs(options.now);
  const mine = contacts.filter((c) => c.accountId === account.id);
  const owners = new Map<string, Owner>();
  for (const id of mine.map((c) => c.id).sort(byId)) owners.set(id, { id, activities: [], touchpoints: [] });
  const own: Owner = { id: ACCOUNT, activities: [], touchpoints: [] };
  for (const a of activities) owners.get(a.leadId)?.activities.push(a);
  for (const t of options.touchpoints ?? []) {
    const contact = t.leadId === undefined ? undefined : owners.get(t.leadId);
    if (contact) contact.touchpoints.push(t);
    else if (t.accountId === account.id) own.touchpoints.push(t);
  }

  let fit: AccountScore['fit'] = { score: 0, tier: 'none', leadId: null };
  if (agreement.icp)
    for (const contact of mine) {
      const f = scoreFit(contact, agreement.icp, now);
      const best = fit.leadId === null || f.score > fit.score || (f.score === fit.score && contact.id < fit.leadId);
      if (best) fit = { score: f.score, tier: f.tier, leadId: contact.id };
    }

  const { score, engaged } = engagement([...owners.values(), own], agreement.intent, now);
  return {
    accountId: account.id,
    tier: tierAccount(account, agreement, { now }),
    fit,
    engagement: score,
    engagedContacts: engaged.size,
    contacts: owners.size,
  };
}
