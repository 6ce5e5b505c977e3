import { toEpochMs } from '../_lib/instant';
import type { Agreement, AttributionModel, AttributionSettings } from '../agreement/agreement.types';
import { accordError, finalizeIssues } from '../errors/errorMap';
import type { PathSegment, RawIssue } from '../errors/errors.types';
import type { Lead, Opportunity } from '../records/records.types';
import { apportion } from './_apportion';
import { createInfluenceBasis, type InfluenceBasis, type OutsideTouch } from './_influence';
import { convertAmount, moneyText } from './_money';
import { createSourcedCheck, type SourcedVerdict } from './_sourced';
import { parseMarketingClaims } from './parseMarketingClaims';
import type {
  DeltaClass,
  MarketingClaim,
  ReconcileData,
  ReconciledClaim,
  ReconcileOptions,
  Reconciliation,
  ReconciliationTotals,
} from './reconcile.types';

const DAY = 86_400_000;
const CURRENCY = /^[A-Z]{3}$/;

/** The delta classes in check order. */
const CLASSES: readonly DeltaClass[] = [
  'unmatched_opportunity',
  'duplicate_lead',
  'currency',
  'different_account',
  'stage_drift',
  'outside_window',
  'different_model',
];

/**
 * The rule influenced claims are judged under when the agreement sets none: the default agreement's
 * model and `buildJourneys`' default window.
 */
const DEFAULT_ATTRIBUTION: AttributionSettings = { model: 'w_shaped', lookbackDays: 90 };

const q = (id: string) => JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/** One claim on its way through the checks. */
interface Work {
  claim: MarketingClaim;
  /** Position in the input (issue paths). */
  position: number;
  /** In minor units of the agreement currency; at face value when no rate converts it. */
  claimed: number;
  opp: Opportunity | undefined;
  /** The deal's amount in the agreement currency. */
  deal: number;
  /** A class that takes the whole claim (checked before the CRM's amount is worked out). */
  whole: DeltaClass | null;
  /** What the CRM supports under the agreement (before the account check). */
  supported: number;
  /** Influenced claims: the share of the deal their scope's in-window touches get. */
  share: number;
  /**
   * Influenced claims and the window: `whole` when no touch of the claim's scope is in it (but some, or
   * the claim's `touchAt`, are outside); `excess` when the claim's `touchAt` is outside it.
   */
  outside: 'whole' | 'excess' | null;
  reasons: Partial<Record<DeltaClass | 'converted' | 'basis' | 'note' | 'compare', string[]>>;
}

const say = (w: Work, key: DeltaClass | 'converted' | 'basis' | 'note' | 'compare', text: string) => {
  const list = w.reasons[key];
  if (list) list.push(text);
  else w.reasons[key] = [text];
};

/** A stable key of a claim's content, to order claims that share an id whatever the input order. */
function contentKey(claim: MarketingClaim): string {
  const record = claim as unknown as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

/** Influenced claims on one deal overlap when their channel and campaign could name the same touch. */
function overlaps(a: MarketingClaim, b: MarketingClaim): boolean {
  if (a.kind === 'sourced' || b.kind === 'sourced') return true;
  const same = (x: string | undefined, y: string | undefined) => x === undefined || y === undefined || x === y;
  return same(a.channel, b.channel) && same(a.campaignId, b.campaignId);
}

/** The touches a claim rests on: all of the deal's, or those of its channel and campaign. */
function inScope(claim: MarketingClaim, touch: { channel: string; campaignId?: string | undefined }): boolean {
  return (
    (claim.channel === undefined || touch.channel === claim.channel) &&
    (claim.campaignId === undefined || touch.campaignId === claim.campaignId)
  );
}

function scopeText(claim: MarketingClaim): string {
  if (claim.channel === undefined && claim.campaignId === undefined) return 'the marketing touches';
  const parts = [
    ...(claim.channel === undefined ? [] : [`${q(claim.channel)}`]),
    ...(claim.campaignId === undefined ? [] : [`campaign ${q(claim.campaignId)}`]),
  ];
  return `the ${parts.join(' ')} touches`;
}

function emptyTotals(): ReconciliationTotals {
  return {
    claimed: 0,
    matched: 0,
    deltas: Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<DeltaClass, number>,
    claims: 0,
  };
}

function addTo(totals: ReconciliationTotals, claim: ReconciledClaim): void {
  totals.claimed += claim.claimed;
  totals.matched += claim.matched;
  totals.claims++;
  for (const c of CLASSES) totals.deltas[c] += claim.deltas[c] ?? 0;
}

function checkOptions(options: ReconcileOptions): { from: number; to: number } {
  const raw: RawIssue[] = [];
  const instant = (key: 'from' | 'to', fallback: number): number => {
    const value = options[key];
    if (value === undefined) return fallback;
    const ms = toEpochMs(value);
    if (Number.isNaN(ms)) raw.push({ code: 'invalid_instant', path: [key], received: String(value) });
    return ms;
  };
  const from = instant('from', Number.NEGATIVE_INFINITY);
  const to = instant('to', Number.POSITIVE_INFINITY);
  if (from >= to)
    raw.push({ code: 'invalid_interval', path: ['to'], start: String(options.from), end: String(options.to) });
  for (const [code, rate] of Object.entries(options.rates ?? {})) {
    if (!CURRENCY.test(code))
      raw.push({ code: 'invalid_format', path: ['rates', code], format: 'currency', received: code });
    if (typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate))
      raw.push({
        code: 'invalid_argument',
        path: ['rates', code],
        detail: `the rate of ${code} must be a positive number (minor units of the agreement currency per minor unit of ${code}), got ${String(rate)}`,
      });
  }
  if (raw.length > 0) throw accordError(raw, options.errorMap);
  return { from, to };
}

/**
 * @name reconcile
 * @category Reconciliation
 * @summary Lines up Marketing's sourced and influenced claims with the CRM, opportunity by opportunity, and explains every delta.
 *
 * @description
 * Each claim is split into what the CRM supports under the agreement (`matched`) and the delta classes
 * that explain the rest, so that `claimed = matched + Σ deltas` holds exactly — for each claim, each kind
 * and the total, in integer minor units of the agreement's currency (default USD). Deltas are signed: a
 * positive delta is what Marketing counts beyond the CRM for that reason; only `different_model` (the
 * rest) can be negative, when Marketing counts less than the agreed model credits.
 *
 * What the CRM supports:
 * - **sourced**: the deal's amount when the agreement counts it as marketing-sourced — the scorecard's
 *   `marketing_sourced_pipeline` definition: a lead of the deal reached the hand-over stage at or before
 *   the deal was created — else nothing, and the whole claim is `stage_drift` (the reason says which
 *   lead failed and how).
 * - **influenced**: the agreed model's (`agreement.attribution`: model, lookbackDays, halfLifeDays; without
 *   one, W-shaped over 90 days, reported in `attribution`) share
 *   of the deal credited to the claim's touches — those of its `channel` and `campaignId`, or all of the
 *   deal's — within the lookback before the deal was created (the deal's creation is the conversion,
 *   journeys as {@link buildJourneys} links them). Every touchpoint counts as a marketing touch: that is
 *   what a `Touchpoint` record is (records.types.ts). The shares of one deal's claims and the part no
 *   claim names are apportioned by largest remainder, so they add up to the deal's amount exactly. When
 *   the claim's touches all fall outside the window (or `touchAt`, the touch the claim rests on, does),
 *   the claim is `outside_window` — whole when no touch of its scope is in the window, else what it
 *   counts beyond the agreed credit; the remainder between Marketing's amount and the agreed model's is
 *   `different_model` ("same model name, different credit" when the claim names the agreed model). Claims
 *   on one deal with different channels or campaigns are separate shares of it, not duplicates.
 *
 * The checks, in the order of {@link DeltaClass} (reasons come in that order too):
 * 1. `unmatched_opportunity` — no CRM opportunity has the id (issue `unknown_opportunity`): the whole claim;
 * 2. `duplicate_lead` — an earlier claim (in claim-id order, so the result does not depend on the input
 *    order) of the same kind counts the same deal (for influence: touches that can overlap): the whole
 *    claim; the reason says when the claim's lead is the same person as the earlier claim's (same e-mail,
 *    trimmed and lower-cased) under another id;
 * 3. `currency` — the claim (or the deal) is in another currency and `rates` has no rate for it: the whole
 *    claim at face value, with a `currency_mismatch` issue (with a rate, the amount is converted, rounded
 *    half to even, and the checks go on);
 * 4. `different_account` — the claim's `accountId` differs from the deal's: what would have matched moves
 *    here (the deal is real, filed under another account; a claim classed whole has nothing to move);
 * 5. `stage_drift` — the deal was created outside [`from`, `to`) (Marketing counts it in a period the
 *    agreement does not), or a sourced claim's deal is not marketing-sourced: the whole claim;
 * 6. `outside_window` and 7. `different_model`, as above.
 *
 * Bad input never disappears: a claim that fails {@link MarketingClaimSchema} (a negative or fractional
 * amount, a missing id, an unknown kind…) is refused — counted in no total, listed in `refused`, its
 * issues in `issues` at `['marketingClaims', index, field]`; the totals cover the other claims. Unknown
 * opportunities, duplicate claim ids (`duplicate_id`), unknown leads and currency mismatches are issues
 * too, and those claims are still classified. `unclaimed` lists the deals of the period the agreement
 * counts as marketing-sourced that no (valid) sourced claim mentions: Marketing under-reports them (a
 * deal in a currency no rate converts is left out of it, with a `currency_mismatch` issue on the deal).
 *
 * @param data - `marketingClaims` (validated here), `opportunities`, `leads` and `touchpoints` (canonical
 * records, validated at their boundary).
 * @param agreement - The agreement: currency, hand-over stage, attribution rule.
 * @param options - {@link ReconcileOptions}: `from`/`to` (deals created in the period), `rates`, `errorMap`.
 * @returns {@link Reconciliation}: totals, totals by kind, every claim with its deltas and reasons, the
 * unclaimed marketing-sourced deals, the issues and the refused claims.
 * @throws {AccordError} When an option is invalid (an instant, an empty period, a rate that is not a positive number).
 *
 * @example
 * const r = reconcile(
 *   {
 *     marketingClaims: [{ id: 'c1', opportunityId: 'O1', kind: 'sourced', amount: 1_200_000, currency: 'USD' }],
 *     opportunities: [{ id: 'O1', leadIds: ['L1'], createdAt: '2026-03-10T00:00:00Z', stage: 'opportunity', amount: 1_000_000, currency: 'USD' }],
 *     leads: [{ id: 'L1', createdAt: '2026-03-01T00:00:00Z', stageDates: { mql: '2026-03-02T00:00:00Z' } }],
 *   },
 *   defaultAgreement,
 * )
 * r.totals //=> { claimed: 1200000, matched: 1000000, deltas: { …, different_model: 200000 }, claims: 1 }
 */
export function reconcile(data: ReconcileData, agreement: Agreement, options: ReconcileOptions = {}): Reconciliation {
  const period = checkOptions(options);
  const currency = agreement.currency ?? 'USD';
  const attribution = agreement.attribution ?? DEFAULT_ATTRIBUTION;
  const rates = options.rates;
  const touchpoints = data.touchpoints ?? [];
  const raw: RawIssue[] = [];

  const parsed = parseMarketingClaims(data.marketingClaims, options.errorMap ? { errorMap: options.errorMap } : {});

  const oppById = new Map<string, { opp: Opportunity; index: number }>();
  data.opportunities.forEach((opp, index) => {
    if (!oppById.has(opp.id)) oppById.set(opp.id, { opp, index });
  });
  const leadById = new Map<string, Lead>();
  for (const lead of data.leads) if (!leadById.has(lead.id)) leadById.set(lead.id, lead);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: agreement.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dateText = (ms: number) => (Number.isFinite(ms) ? day.format(ms) : String(ms));
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: agreement.timezone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  // A period bound: its local date when it is a local midnight, else the instant itself (UTC).
  const boundText = (ms: number) =>
    clock.format(ms) === '00:00:00' ? dateText(ms) : new Date(ms).toISOString().replace(':00.000Z', 'Z');
  const sourcedCheck = createSourcedCheck(agreement, leadById, dateText);
  const verdicts = new Map<string, SourcedVerdict>();
  const verdictOf = (opp: Opportunity): SourcedVerdict => {
    let v = verdicts.get(opp.id);
    if (!v) {
      v = sourcedCheck(opp);
      verdicts.set(opp.id, v);
    }
    return v;
  };
  const inPeriod = (opp: Opportunity) => {
    const created = toEpochMs(opp.createdAt);
    return created >= period.from && created < period.to;
  };
  const periodText = () =>
    [
      ...(Number.isFinite(period.from) ? [`from ${boundText(period.from)}`] : []),
      ...(Number.isFinite(period.to) ? [`before ${boundText(period.to)}`] : []),
    ].join(', ');

  // Duplicate claim ids: reported at the later claim; both are still classified.
  const firstWithId = new Map<string, number>();
  parsed.claims.forEach((claim, k) => {
    const position = parsed.positions[k] as number;
    const first = firstWithId.get(claim.id);
    if (first === undefined) firstWithId.set(claim.id, position);
    else
      raw.push({
        code: 'duplicate_id',
        path: ['marketingClaims', position, 'id'],
        kind: 'claim',
        id: claim.id,
        firstPath: ['marketingClaims', first, 'id'],
      });
  });

  // Claim-id order (then content), so the result does not depend on the input order.
  const order = parsed.claims
    .map((claim, k) => ({ claim, position: parsed.positions[k] as number, key: contentKey(claim) }))
    .sort((a, b) =>
      a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );

  const personOf = (claim: MarketingClaim, position: number): string | null => {
    if (claim.leadId === undefined) return null;
    const lead = leadById.get(claim.leadId);
    if (!lead) {
      raw.push({ code: 'unknown_lead', path: ['marketingClaims', position, 'leadId'], leadId: claim.leadId });
      return `lead:${claim.leadId}`;
    }
    const email = lead.email?.trim().toLowerCase();
    return email ? `email:${email}` : `lead:${lead.id}`;
  };

  const seen = new Map<string, { claim: MarketingClaim; person: string | null }[]>();
  const oppCurrencyReported = new Set<string>();
  const works: Work[] = [];
  const pending = new Map<string, Work[]>();

  for (const { claim, position } of order) {
    const at = (field: string): PathSegment[] => ['marketingClaims', position, field];
    const converted = convertAmount(claim.amount, claim.currency, currency, rates);
    const w: Work = {
      claim,
      position,
      claimed: converted ? converted.amount : claim.amount,
      opp: oppById.get(claim.opportunityId)?.opp,
      deal: 0,
      whole: null,
      supported: 0,
      share: 0,
      outside: null,
      reasons: {},
    };
    works.push(w);
    const person = personOf(claim, position);
    if (converted?.rate != null)
      say(
        w,
        'converted',
        `Converted from ${moneyText(claim.amount, claim.currency)} at ${converted.rate} ${currency} per ${claim.currency}: ${moneyText(w.claimed, currency)}.`,
      );
    if (!converted) {
      raw.push({ code: 'currency_mismatch', path: at('currency'), expected: currency, received: claim.currency });
    }

    // 1. The opportunity.
    const found = oppById.get(claim.opportunityId);
    if (!found) {
      raw.push({ code: 'unknown_opportunity', path: at('opportunityId'), opportunityId: claim.opportunityId });
      w.whole = 'unmatched_opportunity';
      say(
        w,
        'unmatched_opportunity',
        `No CRM opportunity has the id ${q(claim.opportunityId)}: Marketing counts a deal the CRM does not have (or has under another id).`,
      );
    }
    const opp = found?.opp;

    // 2. Duplicates: an earlier claim of the same kind on the same deal (overlapping touches for influence).
    if (opp) {
      const key = `${claim.kind}\u0000${claim.opportunityId}`;
      const earlier = seen.get(key) ?? [];
      const hit = earlier.find((e) => overlaps(e.claim, claim));
      if (hit) {
        w.whole = 'duplicate_lead';
        const other = hit.claim;
        const what = claim.kind === 'sourced' ? 'as sourced' : `as influenced through ${scopeText(claim)}`;
        say(
          w,
          'duplicate_lead',
          claim.leadId !== undefined &&
            other.leadId !== undefined &&
            claim.leadId !== other.leadId &&
            person === hit.person
            ? `Lead ${q(claim.leadId)} is the same person as lead ${q(other.leadId)} (same e-mail), already claimed for this deal by claim ${q(other.id)}: the deal is counted twice.`
            : claim.leadId !== undefined && claim.leadId === other.leadId
              ? `Claim ${q(other.id)} already counts this deal ${what} through the same lead ${q(claim.leadId)}: the deal is counted twice.`
              : `Claim ${q(other.id)} already counts this deal ${what}: a second claim on the same opportunity counts it twice.`,
        );
      }
      earlier.push({ claim, person });
      seen.set(key, earlier);
    }

    // 3. Currency: the claim's, then the deal's.
    if (!converted && w.whole === null) {
      w.whole = 'currency';
      say(
        w,
        'currency',
        `The claim is in ${claim.currency} and no rate converts it to ${currency}: the whole amount is held apart at face value (pass a rate for ${claim.currency}).`,
      );
    }
    if (opp && found) {
      const deal = convertAmount(opp.amount, opp.currency, currency, rates);
      if (!deal) {
        if (!oppCurrencyReported.has(opp.id)) {
          oppCurrencyReported.add(opp.id);
          raw.push({
            code: 'currency_mismatch',
            path: ['opportunities', found.index, 'currency'],
            expected: currency,
            received: opp.currency,
          });
        }
        if (w.whole === null) {
          w.whole = 'currency';
          say(
            w,
            'currency',
            `The deal is in ${opp.currency} in the CRM and no rate converts it to ${currency}: the whole claim is held apart (pass a rate for ${opp.currency}).`,
          );
        }
      } else w.deal = deal.amount;
    }
    if (!opp || w.whole !== null) continue;

    // 4. The period.
    if (!inPeriod(opp)) {
      w.whole = 'stage_drift';
      say(
        w,
        'stage_drift',
        `The deal was created on ${dateText(toEpochMs(opp.createdAt))}, outside the period reconciled (${periodText()}): Marketing counts it in a period the agreement does not.`,
      );
      continue;
    }
    if (claim.stage !== undefined && claim.stage !== opp.stage)
      say(w, 'note', `Marketing counted the deal at stage ${q(claim.stage)}; the CRM has it at ${q(opp.stage)}.`);

    // 5. What the CRM supports.
    if (claim.kind === 'sourced') {
      const verdict = verdictOf(opp);
      if (!verdict.sourced) {
        w.whole = 'stage_drift';
        say(w, 'stage_drift', verdict.reason);
      } else {
        w.supported = w.deal;
        say(w, 'basis', `${verdict.reason} The CRM supports the deal's ${moneyText(w.deal, currency)}.`);
      }
      continue;
    }
    const list = pending.get(opp.id);
    if (list) list.push(w);
    else pending.set(opp.id, [w]);
  }

  // Influence: the agreed model's share of each deal, apportioned over its claims and the unclaimed rest.
  if (pending.size > 0) {
    const deals = [...pending.keys()].map((id) => oppById.get(id)?.opp as Opportunity);
    const basis = createInfluenceBasis(
      deals,
      { touchpoints, leads: data.leads, periodDeals: data.opportunities.filter(inPeriod) },
      attribution,
    );
    for (const [oppId, claims] of pending) {
      const touches = basis.touchesOf(oppId);
      const shares = basis.sharesOf(oppId, attribution.model);
      for (const w of claims) {
        let share = 0;
        touches.forEach((t, i) => {
          if (inScope(w.claim, t)) share += shares[i] ?? 0;
        });
        w.share = share;
      }
      const deal = (claims[0] as Work).deal;
      const used = claims.reduce((s, w) => s + w.share, 0);
      // The rest (no claim's share) is a cell of its own, so the claims' shares are not inflated.
      const split = apportion(deal, [...claims.map((w) => w.share), Math.max(0, 1 - used)]);
      claims.forEach((w, k) => {
        w.supported = split[k] as number;
        explainInfluence(w, basis, touches, attribution, currency, dateText);
      });
    }
  }

  // The claims, their deltas and reasons.
  const claims: ReconciledClaim[] = [];
  const totals = emptyTotals();
  const byKind = { sourced: emptyTotals(), influenced: emptyTotals() };
  for (const w of works) {
    const deltas: Partial<Record<DeltaClass, number>> = {};
    let matched = 0;
    const C = w.claimed;
    if (w.whole !== null) deltas[w.whole] = C;
    else {
      matched = w.supported;
      let rest = C - matched;
      // The window explains the whole claim (no touch of its scope in it), or what it counts beyond the
      // agreed credit when the touch it rests on is outside.
      const outside = w.outside === 'whole' ? rest : w.outside === 'excess' ? Math.max(0, rest) : 0;
      if (outside !== 0) {
        deltas.outside_window = outside;
        rest -= outside;
      }
      if (rest !== 0) {
        deltas.different_model = rest;
        say(w, 'different_model', restText(w, rest, currency, attribution.model));
      }
    }
    // The account: what matched moves to different_account (a claim classed whole has nothing to move).
    const account = w.claim.accountId;
    const crmAccount = w.opp?.accountId;
    if (w.opp && account !== undefined && crmAccount !== undefined && account !== crmAccount) {
      say(
        w,
        'different_account',
        `Marketing files the deal under account ${q(account)}; the CRM has it under ${q(crmAccount)}: ${matched === 0 ? 'nothing matched to move' : `the ${moneyText(matched, currency)} that matched moves here`}.`,
      );
      if (matched !== 0) deltas.different_account = matched;
      matched = 0;
    } else if (w.opp && account !== undefined && crmAccount === undefined)
      say(w, 'note', `Marketing files the deal under account ${q(account)}; the CRM deal has no account to compare.`);
    const clean: Partial<Record<DeltaClass, number>> = {};
    for (const c of CLASSES) if ((deltas[c] ?? 0) !== 0) clean[c] = deltas[c] as number;
    const reasons = [
      ...(w.reasons.converted ?? []),
      ...CLASSES.slice(0, 3).flatMap((c) => w.reasons[c] ?? []),
      ...(w.reasons.different_account ?? []),
      ...(w.reasons.stage_drift ?? []),
      ...(w.reasons.note ?? []),
      ...(w.reasons.outside_window ?? []),
      ...(w.reasons.basis ?? []),
      ...(w.reasons.compare ?? []),
      ...(w.reasons.different_model ?? []),
    ];
    const reconciled: ReconciledClaim = {
      claimId: w.claim.id,
      opportunityId: w.claim.opportunityId,
      kind: w.claim.kind,
      claimed: C,
      matched,
      deltas: clean,
      reasons,
    };
    claims.push(reconciled);
    addTo(totals, reconciled);
    addTo(byKind[w.claim.kind], reconciled);
  }

  // The other side: marketing-sourced deals of the period no sourced claim mentions.
  const claimedSourced = new Set(parsed.claims.filter((c) => c.kind === 'sourced').map((c) => c.opportunityId));
  const unclaimed: Reconciliation['unclaimed'] = [];
  data.opportunities.forEach((opp, index) => {
    if (claimedSourced.has(opp.id) || oppById.get(opp.id)?.opp !== opp || !inPeriod(opp)) return;
    if (!verdictOf(opp).sourced) return;
    const amount = convertAmount(opp.amount, opp.currency, currency, rates);
    if (!amount) {
      if (!oppCurrencyReported.has(opp.id)) {
        oppCurrencyReported.add(opp.id);
        raw.push({
          code: 'currency_mismatch',
          path: ['opportunities', index, 'currency'],
          expected: currency,
          received: opp.currency,
        });
      }
      return;
    }
    unclaimed.push({ opportunityId: opp.id, amount: amount.amount });
  });
  unclaimed.sort((a, b) => b.amount - a.amount || (a.opportunityId < b.opportunityId ? -1 : 1));

  const rank = (p: readonly PathSegment[]) => [p[0] === 'marketingClaims' ? 0 : 1, typeof p[1] === 'number' ? p[1] : 0];
  raw.sort((a, b) => {
    const [x0, x1] = rank(a.path) as [number, number];
    const [y0, y1] = rank(b.path) as [number, number];
    return x0 - y0 || x1 - y1;
  });
  return {
    currency,
    totals,
    byKind,
    claims,
    unclaimed,
    issues: [...parsed.issues, ...finalizeIssues(raw, options.errorMap)],
    refused: parsed.refused,
    attribution: { ...attribution },
  };
}

/** Explains an influenced claim's basis and, when it applies, the window. */
function explainInfluence(
  w: Work,
  basis: InfluenceBasis,
  touches: readonly { channel: string; campaignId?: string; at?: string | number }[],
  attribution: AttributionSettings,
  currency: string,
  dateText: (ms: number) => string,
): void {
  const opp = w.opp as Opportunity;
  const claim = w.claim;
  const created = toEpochMs(opp.createdAt);
  const windowStart = created - attribution.lookbackDays * DAY;
  const windowText = `the agreed ${attribution.lookbackDays}-day window before the deal was created on ${dateText(created)}`;
  const inWindow = touches.filter((t) => inScope(claim, t)).length;
  const outside = basis.outsideOf(opp.id).filter((t) => inScope(claim, t));
  const touchAt = claim.touchAt === undefined ? Number.NaN : toEpochMs(claim.touchAt);
  const touchOutside = !Number.isNaN(touchAt) && (touchAt < windowStart || touchAt > created);
  const outsideText = (list: readonly OutsideTouch[]) => {
    const before = list.filter((t) => t.side === 'before');
    const after = list.filter((t) => t.side === 'after');
    return [
      ...(before.length > 0
        ? [`${before.length} before it (the latest on ${dateText((before[before.length - 1] as OutsideTouch).at)})`]
        : []),
      ...(after.length > 0
        ? [`${after.length} after the deal was created (from ${dateText((after[0] as OutsideTouch).at)})`]
        : []),
    ].join(' and ');
  };
  if (inWindow === 0 && (outside.length > 0 || touchOutside)) {
    w.outside = 'whole';
    say(
      w,
      'outside_window',
      outside.length > 0
        ? `${capital(scopeText(claim))} of the deal all fall outside ${windowText}: ${outsideText(outside)}; the agreed model credits them nothing.`
        : `The touch the claim rests on (${dateText(touchAt)}) is outside ${windowText}, and no touch of its scope is in it.`,
    );
    return;
  }
  if (touchOutside) {
    w.outside = 'excess';
    say(
      w,
      'outside_window',
      `The touch the claim rests on (${dateText(touchAt)}) is outside ${windowText}: what the claim counts beyond the agreed credit rests on it.`,
    );
  } else if (outside.length > 0 && inWindow > 0)
    say(w, 'note', `${capital(scopeText(claim))} outside ${windowText} get no credit: ${outsideText(outside)}.`);
  if (inWindow === 0) {
    say(
      w,
      'basis',
      `The deal has ${claim.channel === undefined && claim.campaignId === undefined ? 'no marketing touch' : `none of ${scopeText(claim)}`} on record (on itself, its leads or its account): the agreed ${attribution.model} model credits the claim nothing.`,
    );
    return;
  }
  say(
    w,
    'basis',
    `The agreed ${attribution.model} model credits ${scopeText(claim)} in the window (${inWindow} of ${touches.length}) ${percent(w.share)} of the deal's ${moneyText(w.deal, currency)}: ${moneyText(w.supported, currency)}.`,
  );
  if (claim.model !== undefined && claim.model !== attribution.model) {
    const theirs = basis.sharesOf(opp.id, claim.model);
    let share = 0;
    touches.forEach((t, i) => {
      if (inScope(claim, t)) share += theirs[i] ?? 0;
    });
    say(
      w,
      'compare',
      `Marketing's ${claim.model} model would credit them ${percent(share)} in the same window (about ${moneyText(Math.round(w.deal * share), currency)}).`,
    );
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The sentence for `different_model`: the rest between Marketing's amount and the CRM's. */
function restText(w: Work, rest: number, currency: string, agreed: AttributionModel): string {
  const amount = moneyText(Math.abs(rest), currency);
  const direction = rest > 0 ? 'more' : 'less';
  if (w.claim.kind === 'sourced')
    return `The rest, ${amount}: Marketing counts ${moneyText(w.claimed, currency)} for a deal of ${moneyText(w.deal, currency)} in the CRM (${direction} than the deal's amount).`;
  const model = w.claim.model;
  const who =
    model === undefined
      ? `Marketing's credit (model not stated) is ${amount} ${direction} than the agreed ${agreed}'s`
      : model === agreed
        ? `Same model name (${agreed}), different credit: Marketing counts ${amount} ${direction} than the agreed credit`
        : `Marketing's ${model} counts ${amount} ${direction} than the agreed ${agreed}`;
  return `The rest is the model. ${who} (${moneyText(w.claimed, currency)} against ${moneyText(w.supported, currency)}).`;
}
