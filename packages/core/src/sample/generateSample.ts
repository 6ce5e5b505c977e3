import { TZDateMini } from '@date-fns/tz';
import { isIsoDate, toEpochMs } from '../_lib/instant';
import { createRandom, type Random, streamSeed, weightedPicker } from '../_lib/random';
import { zonedParts } from '../_lib/zonedParts';
import type {
  Agreement,
  DispositionReason,
  LossCategory,
  LossReason,
  ObjectionTheme,
  StageDefinition,
} from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { type CriteriaPredicate, compileCriteria } from '../criteria/compileCriteria';
import type {
  Account,
  Activity,
  Instant,
  Lead,
  Opportunity,
  OpportunityLoss,
  Spend,
  StageEvent,
  Touchpoint,
} from '../records/records.types';
import { sampleWinLoss } from '../winloss/sampleWinLoss';
import {
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  COMPETITOR_WEIGHT,
  COMPETITORS,
  ENRICHED_TITLES,
  FIRST_NAMES,
  HOUR_WEIGHT,
  INDUSTRIES,
  JOB_TITLES,
  LAST_NAMES,
  LOSS_CATEGORY_WEIGHT,
  OTHER_CRM_WEIGHT,
  OTHER_CRMS,
  OTHER_LOSS_NOTES,
  PERSONAL_DOMAINS,
  PRODUCT_GAPS,
  REGIONS,
  type RegionProfile,
  SOURCES,
  type SourceProfile,
  STUDENT_TITLES,
  THEMES_BY_OUTCOME,
  TLDS,
  TOOLS,
  WEEKDAY_WEIGHT,
} from './sample.data';

/** Options for {@link generateSample}. */
export interface GenerateSampleOptions {
  /** How many leads to create. */
  leads: number;
  /** The seed: the same seed (and options) always gives the same data. */
  seed: number;
  /** The agreement whose stages, reasons and routing the data follows. Default {@link defaultAgreement}. */
  agreement?: Agreement;
  /** First creation day, `YYYY-MM-DD` in the agreement's time zone. Default `"2026-01-05"`. */
  start?: string;
  /** Length of the creation window in days. Default 180. */
  days?: number;
  /** The export instant: nothing happens after it. Default: the end of the creation window. */
  asOf?: Instant;
  /** How many leads to break on purpose (bad dates, negative amounts, unknown stages…). Default 0. */
  badRows?: number;
}

/** A lead broken on purpose, and how. */
export interface SampleBadRow {
  index: number;
  id: string;
  field: string;
  problem: string;
}

/** Generated records in the canonical shapes. Instants are ISO-8601 UTC strings. */
export interface GenerateSampleResult {
  leads: Lead[];
  /** The CRM's accounts (companies with an owner); leads match them by id or domain. */
  accounts: Account[];
  /** Every stage entry, in time order per lead (includes what `stageDates` summarises). */
  stageEvents: StageEvent[];
  activities: Activity[];
  touchpoints: Touchpoint[];
  opportunities: Opportunity[];
  spend: Spend[];
  /** The export instant. */
  asOf: string;
  badRows: SampleBadRow[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

interface Company {
  name: string;
  domain: string;
  industry: string;
  employees: number;
  region: RegionProfile;
  country: string;
  timezone: string;
  accountId: string | undefined;
  accountOwner: string | undefined;
  isCustomer: boolean;
  competitor: string | undefined;
  /** Technographics (`salesforce;slack`), `undefined` when enrichment found none; set after the funnel walk. */
  tech?: string | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Local wall-clock time in a zone → epoch ms (DST handled by @date-fns/tz). */
const localToEpoch = (tz: string, y: number, m: number, d: number, h: number, mi: number, s: number): number =>
  new TZDateMini(y, m, d, h, mi, s, 0, tz).getTime();

/** Moves an instant into working hours (Mon–Fri 08:00–18:00 local), as a rep's touch would be. */
function nextWorkingMoment(ms: number, tz: string, random: Random): number {
  let t = ms;
  for (let i = 0; i < 8; i++) {
    const p = zonedParts(tz, t);
    if (p.weekday !== 0 && p.weekday !== 6 && p.hour >= 8 && p.hour < 18) return t;
    const nextDay = p.hour >= 18 || p.weekday === 0 || p.weekday === 6 ? 1 : 0;
    t = localToEpoch(tz, p.year, p.month, p.day + nextDay, 8, 0, 0) + random.int(5, 150) * MINUTE;
  }
  return t;
}

/**
 * @name generateSample
 * @category Sample data
 * @summary Generates realistic, seeded revenue data in the canonical record shapes.
 *
 * @description
 * Leads come from companies (shared accounts, customers, competitors) with weekday and hour-of-day
 * patterns in their local time zones, source-dependent quality (referrals convert, social brings
 * students and personal e-mail), and missing values. Each lead walks the agreement's funnel: it
 * moves on when a draw says so *and* the stage's entry criteria hold (1.5 % slip through without,
 * as in real CRMs); rejected leads get a disposition reason from the agreement with its detail;
 * owners come from the agreement's routing (with a few misroutes); sales touches, marketing
 * touchpoints, opportunities and monthly spend follow. Nothing happens after `asOf`, so recent
 * leads are still in flight. `badRows` breaks that many leads on purpose (reported in `badRows`).
 * Deterministic: the same options give the same records, byte for byte.
 *
 * For ICP reviews, buying committees and win/loss (each drawn from a stream of its own, derived from
 * the seed, so that every value listed above is the same as before they existed):
 * - leads: `attributes.tech`, the company's stack as technographic enrichment lists it
 *   (`"salesforce;slack;zoom"`; missing for personal addresses and for one company in ten), where
 *   companies whose leads went on to be qualified or won run Salesforce more often — real evidence
 *   for a Salesforce criterion — while industry and country stay unrelated to every outcome; and
 *   `attributes.title`, the enriched title in the family of the typed `jobTitle` (`VP Marketing` →
 *   `Chief Marketing Officer`), so an account's contacts fill different buying-committee roles
 *   (economic buyer, champion, technical evaluator, procurement) and some fill none;
 * - accounts: `attributes` `industry`, `employees`, `country` and `tech`, the same as their leads';
 * - opportunities: `campaignId` and `segment` of the first lead; on lost deals a `loss` from the
 *   agreement's `winLoss` catalog (or `sampleWinLoss`): no decision about 30 %, a competitor about
 *   25 % (naming it), then price, timing (often with a revisit date), product gap (naming the
 *   capability) and other (with a note), `at` the close and `by` the owner — 5 % of lost deals have no
 *   reason, as in real CRMs; on closed deals 0–2 objection `themes`.
 * Sales activities are calls, e-mails and meetings in the rep's working hours.
 *
 * @param options - {@link GenerateSampleOptions}.
 * @returns {@link GenerateSampleResult}.
 *
 * @example
 * const sample = generateSample({ leads: 10_000, seed: 1 })
 * sample.leads.length //=> 10000
 */
export function generateSample(options: GenerateSampleOptions): GenerateSampleResult {
  const { leads: count, seed } = options;
  if (!Number.isInteger(count) || count < 0 || count > 10_000_000)
    throw new Error(`[accord] generateSample: "leads" must be a whole number from 0 to 10,000,000, got ${count}`);
  if (!Number.isInteger(seed)) throw new Error(`[accord] generateSample: "seed" must be a whole number, got ${seed}`);
  const agreement = options.agreement ?? defaultAgreement;
  const start = options.start ?? '2026-01-05';
  if (!isIsoDate(start)) throw new Error(`[accord] generateSample: "start" must be YYYY-MM-DD, got ${start}`);
  const days = options.days ?? 180;
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`[accord] generateSample: "days" must be a whole number ≥ 1, got ${days}`);
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const windowStart = localToEpoch(agreement.timezone, sy, sm - 1, sd, 0, 0, 0);
  const windowEnd = localToEpoch(agreement.timezone, sy, sm - 1, sd + days, 0, 0, 0);
  const asOf = options.asOf === undefined ? windowEnd : toEpochMs(options.asOf);
  if (Number.isNaN(asOf)) throw new Error(`[accord] generateSample: "asOf" is not an instant: ${String(options.asOf)}`);
  if (asOf <= windowStart)
    throw new Error(`[accord] generateSample: "asOf" must be after the window starts (${iso(windowStart)})`);
  const createdBefore = Math.min(windowEnd, asOf);
  const badRowCount = options.badRows ?? 0;
  if (!Number.isInteger(badRowCount) || badRowCount < 0 || badRowCount > count)
    throw new Error(`[accord] generateSample: "badRows" must be a whole number from 0 to "leads", got ${badRowCount}`);

  const random = createRandom(seed);
  const currency = agreement.currency ?? 'USD';
  const openStages = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const wonStage = agreement.stages.find((s) => s.kind === 'won');
  const lostStage = agreement.stages.find((s) => s.kind === 'lost');
  const recycleStage = agreement.transitions.recycleTo ?? agreement.stages.find((s) => s.kind === 'recycled')?.id;
  const disqualifiedStage = agreement.stages.find((s) => s.kind === 'disqualified')?.id;
  const entry = new Map<string, CriteriaPredicate>();
  for (const s of agreement.stages) if (s.entry) entry.set(s.id, compileCriteria(s.entry));

  // Routing, simplified for data generation: rules in order, weighted member choice.
  const pools = new Map((agreement.routing?.pools ?? []).map((p) => [p.id, p] as const));
  const ruleTests = (agreement.routing?.rules ?? []).map((r) => ({
    rule: r,
    test: r.when ? compileCriteria(r.when) : undefined,
  }));
  const allReps = [...pools.values()].flatMap((p) => p.members.map((m) => ({ userId: m.userId, pool: p.id })));
  const memberPickers = new Map(
    [...pools.values()]
      .filter((p) => p.members.length > 0)
      .map(
        (p) =>
          [
            p.id,
            weightedPicker(
              p.members,
              p.members.map((m) => m.weight ?? 1),
            ),
          ] as const,
      ),
  );
  const pickMember = (poolId: string): string | undefined => memberPickers.get(poolId)?.(random).userId;

  const pickSource = weightedPicker(
    SOURCES,
    SOURCES.map((s) => s.weight),
  );
  const pickRegion = weightedPicker(
    REGIONS,
    REGIONS.map((r) => r.weight),
  );
  const pickHour = weightedPicker(
    HOUR_WEIGHT.map((_, h) => h),
    HOUR_WEIGHT,
  );
  const dayWeights = Array.from(
    { length: days },
    (_, i) => WEEKDAY_WEIGHT[new Date(Date.UTC(sy, sm - 1, sd + i)).getUTCDay()] as number,
  );
  const pickDay = weightedPicker(
    dayWeights.map((_, i) => i),
    dayWeights,
  );

  // Companies: several leads share one, so accounts, duplicates and account owners are realistic.
  const companyCount = Math.max(20, Math.ceil(count / 3));
  const companies: Company[] = [];
  const usedDomains = new Set<string>();
  for (let i = 0; i < companyCount; i++) {
    const industry = random.pick(INDUSTRIES);
    const slug = `${random.pick(COMPANY_FIRST)}${random.pick(COMPANY_SECOND)}`;
    const suffix = random.pick(COMPANY_SUFFIX[industry] ?? ['Group']);
    // Real companies share names across industries and countries; their domains stay unique.
    let domainSlug = slug;
    if (usedDomains.has(domainSlug)) domainSlug = `${slug}${suffix.toLowerCase()}`;
    for (let k = 2; usedDomains.has(domainSlug); k++) domainSlug = `${slug}${suffix.toLowerCase()}${k}`;
    usedDomains.add(domainSlug);
    const region = pickRegion(random);
    const [country, timezone] = random.pick(region.countries);
    const competitor = random.chance(0.01) ? random.pick(COMPETITORS) : undefined;
    const hasAccount = random.chance(0.7);
    companies.push({
      name: competitor ?? `${slug[0]?.toUpperCase()}${slug.slice(1)} ${suffix}`,
      domain: `${competitor ? competitor.toLowerCase() : domainSlug}.${random.pick(TLDS)}`,
      industry,
      employees: Math.max(1, Math.round(random.logNormal(60, 1.6))),
      region,
      country,
      timezone,
      accountId: hasAccount ? `A${String(i + 1).padStart(6, '0')}` : undefined,
      accountOwner: hasAccount && random.chance(0.35) && allReps.length > 0 ? random.pick(allReps).userId : undefined,
      isCustomer: random.chance(0.05),
      competitor,
    });
  }

  const leads: Lead[] = [];
  const stageEvents: StageEvent[] = [];
  const activities: Activity[] = [];
  const touchpoints: Touchpoint[] = [];
  const opportunities: Opportunity[] = [];
  const leadsPerSourceMonth = new Map<string, number>();
  /** The company of each lead (index into `companies`), for the profile pass after the walk. */
  const leadCompany: number[] = [];
  let activitySeq = 0;
  let touchpointSeq = 0;

  const enter = (lead: Lead, stage: string, at: number, by?: string) => {
    lead.stageDates ??= {};
    lead.stageDates[stage] = iso(at);
    const event: StageEvent = { leadId: lead.id, stage, at: iso(at) };
    if (by !== undefined) event.by = by;
    stageEvents.push(event);
  };

  for (let n = 0; n < count; n++) {
    const id = `L${String(n + 1).padStart(7, '0')}`;
    const companyIndex = Math.floor(random.next() * companies.length);
    const company = companies[companyIndex] as Company;
    leadCompany.push(companyIndex);
    const source = pickSource(random);
    const tz = company.timezone;

    // Creation time: a weighted weekday and local hour, redrawn when the local time falls outside the
    // window as seen from the agreement's zone (a late evening in Los Angeles is already tomorrow in New York).
    let createdAt = Number.NaN;
    for (let attempt = 0; attempt < 20 && !(createdAt >= windowStart && createdAt < createdBefore); attempt++) {
      createdAt = localToEpoch(
        tz,
        sy,
        sm - 1,
        sd + pickDay(random),
        pickHour(random),
        random.int(0, 59),
        random.int(0, 59),
      );
    }
    if (!(createdAt >= windowStart && createdAt < createdBefore))
      createdAt = windowStart + random.next() * (createdBefore - windowStart);
    createdAt = Math.floor(createdAt / 1000) * 1000;
    const createdLocal = zonedParts(agreement.timezone, createdAt);
    const monthKey = `${source.id}|${createdLocal.year}-${String(createdLocal.month + 1).padStart(2, '0')}`;
    leadsPerSourceMonth.set(monthKey, (leadsPerSourceMonth.get(monthKey) ?? 0) + 1);

    const student = random.chance(source.student);
    const personal = random.chance(source.personalEmail);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const emailDomain = personal ? random.pick(PERSONAL_DOMAINS) : company.domain;
    const lead: Lead = { id, createdAt: iso(createdAt) };
    if (!random.chance(0.015)) lead.source = source.id;
    if (source.campaigns.length > 0 && lead.source) lead.campaignId = random.pick(source.campaigns);
    lead.segment = company.employees >= 1000 ? 'enterprise' : company.employees >= 200 ? 'mid_market' : 'smb';
    lead.region = company.region.id;
    if (!random.chance(0.02)) lead.country = company.country;
    if (company.accountId && random.chance(0.85)) lead.accountId = company.accountId;
    if (!random.chance(0.005)) lead.email = `${first}.${last}${random.int(1, 99)}@${emailDomain}`;
    if (!personal) lead.domain = company.domain;
    if (!(personal && random.chance(0.5))) lead.company = company.name;
    const quality = source.quality * (student ? 0.2 : 1) * (company.employees < 10 ? 0.6 : 1);
    const demoRequested = random.chance(source.demoRequest * (student ? 0.2 : 1));
    // Engagement follows the channel, not the buyer's fit: students and job seekers read everything.
    const engaged = Math.min(1.4, source.quality * (student ? 1.3 : 1));
    const engagement = Math.min(100, Math.max(0, Math.round(random.next() * 55 + random.next() * 45 * engaged)));
    lead.attributes = {
      employees: company.employees,
      industry: company.industry,
      jobTitle: student ? random.pick(STUDENT_TITLES) : random.pick(JOB_TITLES),
      demoRequested,
      engagementScore: engagement,
    };
    if (company.isCustomer) lead.attributes.isCustomer = true;
    if (company.competitor) lead.attributes.isCompetitor = true;

    // Marketing touchpoints before (and at) creation.
    const before = random.int(0, 4);
    for (let k = before; k >= 0; k--) {
      const at = k === 0 ? createdAt : createdAt - random.int(1, 60) * DAY + random.int(0, 86_399) * 1000;
      const channel = k === 0 ? source.id : random.chance(0.5) ? source.id : pickSource(random).id;
      const profile = SOURCES.find((s) => s.id === channel) as SourceProfile;
      const tp: Touchpoint = { id: `T${String(++touchpointSeq).padStart(8, '0')}`, leadId: id, channel, at: iso(at) };
      if (lead.accountId) tp.accountId = lead.accountId;
      if (profile.campaigns.length > 0)
        tp.campaignId = k === 0 && lead.campaignId ? lead.campaignId : random.pick(profile.campaigns);
      touchpoints.push(tp);
    }

    // Walk the funnel.
    let t = createdAt;
    const firstStage = openStages[0];
    if (firstStage) enter(lead, firstStage.id, t);
    let stalledAt: StageDefinition | undefined = firstStage;
    let touchTimes: number[] = [];
    const addTouches = (from: number, until: number, min: number) => {
      const owner = lead.ownerId;
      if (!owner) return;
      let at = from;
      const total = min + random.int(0, 4);
      for (let k = 0; k < total && at <= until && at <= asOf; k++) {
        const type =
          k === 0
            ? random.pick(['call', 'email'] as const)
            : random.pick(['call', 'email', 'email', 'call', 'meeting'] as const);
        activities.push({ id: `X${String(++activitySeq).padStart(8, '0')}`, leadId: id, type, at: iso(at), by: owner });
        touchTimes.push(at);
        at = nextWorkingMoment(at + random.logNormal(30 * HOUR, 0.8), tz, random);
      }
    };

    for (let k = 1; k < openStages.length; k++) {
      const stage = openStages[k] as StageDefinition;
      const previous = openStages[k - 1] as StageDefinition;
      const handoff = previous.owner === 'marketing' && stage.owner === 'sales';
      const base = [0, 0.42, 0.68, 0.5, 0.55, 0.6][k] ?? 0.5;
      // Marketing qualifies on fit and engagement and cannot see who is a student; sales can.
      const stageQuality = k === 1 ? source.quality * (company.employees < 10 ? 0.6 : 1) : quality;
      const p = Math.min(0.97, (k === 1 && demoRequested ? 0.95 : base) * stageQuality);
      // MQL comes minutes (demo request) to days after the inquiry; sales accepts within a day or two
      // of the handoff (some reps are slow); later stages take weeks.
      const delay =
        k === 1
          ? demoRequested
            ? random.int(0, 20) * MINUTE
            : random.logNormal(3 * DAY, 1.0)
          : handoff
            ? random.logNormal(20 * HOUR, 0.9)
            : random.logNormal(k * 4 * DAY, 0.7);
      const next = t + delay;
      if (next > asOf) break;

      // The world moves: sales assigns an owner before acceptance, qualifies before SQL, prices before an opportunity.
      if (handoff || (k === 2 && !lead.ownerId)) assignOwner(lead, company);
      if (stage.owner === 'sales' && previous.owner === 'sales' && k >= 3) {
        if (random.chance(0.75 * Math.min(1.3, quality))) lead.attributes.meetingHeld = true;
        if (random.chance(0.7 * Math.min(1.3, quality))) lead.attributes.budgetKnown = true;
      }
      const isLastOpen = k === openStages.length - 1;
      if (isLastOpen && lead.amount === undefined) {
        const median = lead.segment === 'enterprise' ? 120_000 : lead.segment === 'mid_market' ? 30_000 : 8_000;
        lead.amount = Math.round(random.logNormal(median, 0.6)) * 100;
        lead.currency = currency;
      }
      const passes = entry.get(stage.id)?.(lead, { now: next }) ?? true;
      const moves = random.chance(p) && (passes || random.chance(0.015));
      if (!moves) break;

      if (previous.owner === 'marketing' && stage.owner === 'marketing') {
        // Becoming an MQL: routing assigns an owner, and sales' clock starts.
        t = next;
        enter(lead, stage.id, t);
        assignOwner(lead, company);
        const speed = demoRequested ? random.logNormal(50 * MINUTE, 1.1) : random.logNormal(6 * HOUR, 1.1);
        if (!random.chance(0.08)) {
          const firstTouch = nextWorkingMoment(t + speed, tz, random);
          if (firstTouch <= asOf) {
            lead.firstTouchAt = iso(firstTouch);
            addTouches(firstTouch, asOf, 1);
          }
        }
        stalledAt = stage;
        continue;
      }
      if (handoff && lead.firstTouchAt === undefined) break; // nobody worked it: it stalls
      t = Math.max(next, lead.firstTouchAt ? toEpochMs(lead.firstTouchAt) + HOUR : next);
      if (t > asOf) break;
      enter(lead, stage.id, t, lead.ownerId);
      stalledAt = stage;
    }

    const reachedIds = new Set(Object.keys(lead.stageDates ?? {}));
    const lastOpen = openStages[openStages.length - 1];
    if (lastOpen && reachedIds.has(lastOpen.id) && lead.amount !== undefined) {
      // An opportunity: closes won or lost later, unless still open at the export.
      const opened = toEpochMs(lead.stageDates?.[lastOpen.id] as string);
      const opp: Opportunity = {
        id: `O${String(opportunities.length + 1).padStart(7, '0')}`,
        leadIds: [id],
        createdAt: iso(opened),
        stage: lastOpen.id,
        amount: lead.amount,
        currency,
      };
      if (lead.accountId) opp.accountId = lead.accountId;
      if (lead.source) opp.source = lead.source;
      if (lead.campaignId) opp.campaignId = lead.campaignId;
      if (lead.segment) opp.segment = lead.segment;
      const closeAt = opened + random.logNormal(45 * DAY, 0.5);
      if (closeAt <= asOf && wonStage && lostStage) {
        const won = random.chance(Math.min(0.8, 0.27 * quality));
        const closed = won ? wonStage : lostStage;
        opp.stage = closed.id;
        opp.closedAt = iso(closeAt);
        opp.won = won;
        enter(lead, closed.id, closeAt, lead.ownerId);
      }
      if (random.chance(0.4)) {
        const channel = random.pick(['events', 'webinar', 'email'] as const);
        touchpoints.push({
          id: `T${String(++touchpointSeq).padStart(8, '0')}`,
          leadId: id,
          ...(lead.accountId ? { accountId: lead.accountId } : {}),
          opportunityId: opp.id,
          channel,
          at: iso(opened - random.int(1, 72) * HOUR),
        });
      }
      opportunities.push(opp);
    } else if (stalledAt && stalledAt !== firstStage && lead.ownerId) {
      // Rejected, recycled or left hanging (no disposition: the SLA clock keeps running).
      const reasons = (agreement.dispositions ?? []).filter(
        (r) => !r.appliesIn || r.appliesIn.includes(stalledAt?.id as string),
      );
      const since = toEpochMs(lead.stageDates?.[stalledAt.id] as string);
      const at = nextWorkingMoment(since + random.logNormal(20 * HOUR, 0.9), tz, random);
      if (reasons.length > 0 && at <= asOf && random.chance(0.75)) {
        const reason = chooseReason(reasons, lead, company, personal, student, random);
        lead.disposition = { reasonId: reason.id, at: iso(at), by: lead.ownerId };
        const detail = reasonDetail(reason, company, at, random, n);
        if (detail !== undefined) lead.disposition.detail = detail;
        const to =
          reason.toStage ??
          (reason.action === 'disqualify' || reason.action === 'suppress'
            ? disqualifiedStage
            : reason.action === 'reroute'
              ? undefined
              : recycleStage);
        if (to) enter(lead, to, at, lead.ownerId);
        else if (reason.action === 'reroute' && allReps.length > 1) lead.ownerId = random.pick(allReps).userId;
      }
    }
    if (touchTimes.length > 0) lead.touches = touchTimes.length;
    touchTimes = [];
    leads.push(lead);
  }

  function assignOwner(lead: Lead, company: Company): void {
    if (lead.ownerId) return;
    for (const { rule, test } of ruleTests) {
      if (test && !test(lead)) continue;
      const a = rule.assign;
      let owner: string | undefined;
      let team: string | undefined;
      if ('accountOwner' in a) owner = lead.accountId ? company.accountOwner : undefined;
      else if ('pool' in a) {
        owner = pickMember(a.pool);
        team = a.pool;
      } else if ('territory' in a) {
        const cell = (agreement.routing?.territories ?? []).find(
          (c) =>
            (!c.regions || c.regions.includes(lead.region ?? '')) &&
            (!c.segments || c.segments.includes(lead.segment ?? '')),
        );
        if (cell) {
          owner = pickMember(cell.pool);
          team = cell.pool;
        }
      } else if ('user' in a) owner = a.user;
      if (owner) {
        // A few leads end up with the wrong rep, as in every real CRM (the routing audit finds them).
        if (random.chance(0.03) && allReps.length > 1) {
          const other = random.pick(allReps);
          owner = other.userId;
          team = other.pool;
        }
        lead.ownerId = owner;
        const memberPool = team ?? allReps.find((r) => r.userId === owner)?.pool;
        if (memberPool) lead.teamId = memberPool;
        return;
      }
    }
  }

  // Monthly spend per paid channel, from the volume it bought.
  const spend: Spend[] = [];
  for (const [key, leadsInMonth] of [...leadsPerSourceMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [channel, month] = key.split('|') as [string, string];
    const profile = SOURCES.find((s) => s.id === channel);
    if (!profile || profile.costPerLead === 0) continue;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    spend.push({
      channel,
      periodStart: `${month}-01`,
      periodEnd: `${month}-${String(lastDay).padStart(2, '0')}`,
      amount: Math.round(leadsInMonth * profile.costPerLead * (0.85 + random.next() * 0.3)),
      currency,
    });
  }

  // What was added after the first release draws from streams of its own, so every value above stays
  // the same for a seed: technographics and enriched titles, then loss reasons and objection themes.
  addLeadProfiles(leads, leadCompany, companies, agreement, createRandom(streamSeed(seed, 'sample.leadProfiles')));
  addDealOutcomes(opportunities, leads, agreement, createRandom(streamSeed(seed, 'sample.dealOutcomes')));

  const accounts: Account[] = companies
    .filter((c) => c.accountId !== undefined)
    .map((c) => {
      const account: Account = {
        id: c.accountId as string,
        name: c.name,
        domain: c.domain,
        segment: c.employees >= 1000 ? 'enterprise' : c.employees >= 200 ? 'mid_market' : 'smb',
        region: c.region.id,
      };
      if (c.accountOwner !== undefined) account.ownerId = c.accountOwner;
      // The firmographics its leads carry, for target-tier rules.
      account.attributes = { industry: c.industry, employees: c.employees, country: c.country };
      if (c.tech !== undefined) account.attributes.tech = c.tech;
      return account;
    });
  const badRows = breakLeads(leads, badRowCount, random);
  return { leads, accounts, stageEvents, activities, touchpoints, opportunities, spend, asOf: iso(asOf), badRows };
}

function chooseReason(
  reasons: readonly DispositionReason[],
  lead: Lead,
  company: Company,
  personal: boolean,
  student: boolean,
  random: Random,
): DispositionReason {
  const byId = (id: string) => reasons.find((r) => r.id === id);
  const fit = (lead.attributes?.employees as number) >= 20;
  const candidates: [string, boolean][] = [
    ['student_job_seeker', student],
    ['competitor', company.competitor !== undefined || random.chance(0.04)],
    ['bad_contact_data', personal || random.chance(0.06)],
    ['no_icp_fit', !fit || random.chance(0.1)],
    ['duplicate', random.chance(0.07)],
    ['in_open_deal', company.isCustomer || random.chance(0.04)],
  ];
  for (const [id, applies] of candidates) {
    const reason = byId(id);
    if (applies && reason) return reason;
  }
  const fallback = reasons.filter((r) => r.id === 'no_timing' || r.id === 'no_budget');
  return random.pick(fallback.length > 0 ? fallback : reasons);
}

function reasonDetail(
  reason: DispositionReason,
  company: Company,
  at: number,
  random: Random,
  n: number,
): string | undefined {
  const detail = reason.detail;
  if (!detail) return undefined;
  if (!detail.required && random.chance(0.5)) return undefined;
  switch (detail.kind) {
    case 'date':
      return new Date(at + random.int(60, 180) * DAY).toISOString().slice(0, 10);
    case 'choice':
      return random.pick(detail.options ?? ['other']);
    case 'text':
      if (reason.id === 'competitor') return company.competitor ?? random.pick(COMPETITORS);
      if (reason.id === 'duplicate') return `L${String(Math.max(1, n - random.int(1, 50))).padStart(7, '0')}`;
      if (reason.id === 'in_open_deal') return `O${String(random.int(1, 999)).padStart(7, '0')}`;
      return 'See CRM notes';
  }
}

/**
 * Technographics (`attributes.tech`) and enriched titles (`attributes.title`). A company's stack is
 * drawn once, after its leads walked the funnel: companies whose leads got qualified run Salesforce
 * more often (65 % when a deal was won, 50 % when a lead was qualified, 20 % otherwise), which is the
 * evidence a quarterly ICP review should find behind a Salesforce criterion; industry and country
 * never touch an outcome, so the review finds nothing behind them. One company in ten has no stack on
 * record (enrichment found nothing). A lead carries its company's stack when it came with the company
 * domain (a personal address cannot be enriched), and a title from the family of the job title it
 * typed (`Sales Director` → `Director of Sales`, `Regional Sales Director`…), so the contacts of an
 * account fill different buying-committee roles; students keep their own title, 7 % have none.
 */
function addLeadProfiles(
  leads: readonly Lead[],
  leadCompany: readonly number[],
  companies: Company[],
  agreement: Agreement,
  random: Random,
): void {
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const firstSales = open.findIndex((s) => s.owner === 'sales');
  // Qualified: past sales acceptance (SQL, opportunity) or closed either way.
  const qualifying = new Set([
    ...open.slice(firstSales + 1 || 1).map((s) => s.id),
    ...agreement.stages.filter((s) => s.kind === 'won' || s.kind === 'lost').map((s) => s.id),
  ]);
  const wonStage = agreement.stages.find((s) => s.kind === 'won')?.id;
  const outcome = companies.map(() => 0);
  leads.forEach((lead, i) => {
    const dates = lead.stageDates ?? {};
    const level = wonStage && dates[wonStage] ? 2 : Object.keys(dates).some((id) => qualifying.has(id)) ? 1 : 0;
    const c = leadCompany[i] as number;
    outcome[c] = Math.max(outcome[c] as number, level);
  });

  const pickCrm = weightedPicker(OTHER_CRMS, OTHER_CRM_WEIGHT);
  companies.forEach((company, c) => {
    const salesforce = random.chance([0.2, 0.5, 0.65][outcome[c] as number] as number);
    const crm = salesforce ? 'salesforce' : pickCrm(random);
    const tools = new Set<string>();
    for (let k = random.int(1, 3); tools.size < k; ) tools.add(random.pick(TOOLS));
    const found = !random.chance(0.1);
    company.tech = found ? [...(crm === 'none' ? [] : [crm]), ...tools].join(';') : undefined;
  });

  leads.forEach((lead, i) => {
    lead.attributes ??= {};
    const company = companies[leadCompany[i] as number] as Company;
    if (lead.domain !== undefined && company.tech !== undefined) lead.attributes.tech = company.tech;
    const typed = lead.attributes.jobTitle;
    if (random.chance(0.07) || typeof typed !== 'string') return;
    const family = Object.hasOwn(ENRICHED_TITLES, typed)
      ? ENRICHED_TITLES[typed as keyof typeof ENRICHED_TITLES]
      : undefined;
    lead.attributes.title = family ? random.pick(family) : typed;
  });
}

/**
 * Loss reasons and objection themes on closed deals, from the agreement's `winLoss` catalog (or
 * {@link sampleWinLoss} when it has none). Lost deals: 5 % have no reason (real data has gaps); the
 * rest pick a category (no decision 30, competitor 25, price 15, timing 12, product gap 12, other 6 —
 * no decision 1.6× as often from weaker sources, price 1.6× in SMB, competitor 2× from the competitor
 * campaign), a reason of that category, and its detail (the competitor, the missing capability, a
 * revisit date for most timing losses); `loss.at` is the close and `loss.by` the deal's owner.
 * Themes: 0–2 per closed deal, more on lost ones, mostly those heard with the outcome's category.
 */
function addDealOutcomes(
  opportunities: readonly Opportunity[],
  leads: readonly Lead[],
  agreement: Agreement,
  random: Random,
): void {
  const catalog = agreement.winLoss ?? sampleWinLoss.winLoss;
  const reasons: readonly LossReason[] = catalog.lossReasons;
  const themes: readonly ObjectionTheme[] = catalog.themes ?? [];
  const themeIds = new Set(themes.map((t) => t.id));
  const byCategory = new Map<LossCategory, number>();
  for (const r of reasons) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + 1);
  const leadById = new Map(leads.map((l) => [l.id, l] as const));
  const quality = new Map(SOURCES.map((s) => [s.id, s.quality] as const));
  const pickCompetitor = weightedPicker(COMPETITORS, COMPETITOR_WEIGHT);

  for (const opp of opportunities) {
    if (opp.won === undefined || opp.closedAt === undefined) continue;
    let outcome = 'won';
    if (opp.won === false) {
      outcome = 'unspecified';
      if (!random.chance(0.05) && reasons.length > 0) {
        const weights = reasons.map((r) => {
          let w = LOSS_CATEGORY_WEIGHT[r.category] / (byCategory.get(r.category) ?? 1);
          if (r.category === 'no_decision' && (quality.get(opp.source ?? '') ?? 1) < 1) w *= 1.6;
          if (r.category === 'price' && opp.segment === 'smb') w *= 1.6;
          if (r.category === 'competitor' && opp.campaignId === 'ps_competitor') w *= 2;
          return w;
        });
        const reason = weightedPicker(reasons, weights)(random);
        const loss: OpportunityLoss = { reasonId: reason.id };
        const detail = lossDetail(reason, opp.closedAt, random, pickCompetitor);
        if (detail !== undefined) loss.detail = detail;
        loss.at = opp.closedAt;
        const owner = leadById.get(opp.leadIds?.[0] ?? '')?.ownerId;
        if (owner !== undefined) loss.by = owner;
        opp.loss = loss;
        outcome = reason.category;
      }
    }
    if (themes.length === 0) continue;
    const x = random.next();
    const count = opp.won ? (x < 0.55 ? 0 : x < 0.9 ? 1 : 2) : x < 0.3 ? 0 : x < 0.75 ? 1 : 2;
    const usual = (THEMES_BY_OUTCOME[outcome] ?? []).filter((id) => themeIds.has(id));
    const heard: string[] = [];
    for (let tries = 0; heard.length < Math.min(count, themes.length) && tries < 20; tries++) {
      const id =
        usual.length > 0 && random.chance(0.75) ? random.pick(usual) : (random.pick(themes) as ObjectionTheme).id;
      if (!heard.includes(id)) heard.push(id);
    }
    if (heard.length > 0) opp.themes = heard;
  }
}

/** The detail a loss reason asks for; optional details are left out 40 % of the time. */
function lossDetail(
  reason: LossReason,
  closedAt: Instant,
  random: Random,
  pickCompetitor: (random: Random) => string,
): string | undefined {
  const detail = reason.detail;
  if (!detail || (!detail.required && random.chance(0.4))) return undefined;
  switch (detail.kind) {
    case 'date':
      return new Date(toEpochMs(closedAt) + random.int(60, 180) * DAY).toISOString().slice(0, 10);
    case 'choice':
      return random.pick(detail.options ?? ['other']);
    case 'text':
      if (reason.category === 'competitor') return pickCompetitor(random);
      if (reason.category === 'product_gap') return random.pick(PRODUCT_GAPS);
      if (reason.category === 'other') return random.pick(OTHER_LOSS_NOTES);
      return 'See CRM notes';
  }
}

/** Breaks leads on purpose, in ways real exports are broken, and says how. */
function breakLeads(leads: Lead[], howMany: number, random: Random): SampleBadRow[] {
  const rows: SampleBadRow[] = [];
  const taken = new Set<number>();
  const kinds = ['createdAt', 'amount', 'stageDates', 'firstTouchAt', 'id', 'order'] as const;
  for (let i = 0; i < howMany; i++) {
    let index = random.int(0, leads.length - 1);
    while (taken.has(index) || (index === 0 && kinds[i % kinds.length] === 'id')) index = (index + 1) % leads.length;
    taken.add(index);
    const lead = leads[index] as Lead;
    const kind = kinds[i % kinds.length];
    const id = lead.id;
    switch (kind) {
      case 'createdAt':
        lead.createdAt = '31/02/2026';
        rows.push({ index, id, field: 'createdAt', problem: 'impossible date in a local format' });
        break;
      case 'amount':
        lead.amount = -Math.abs(lead.amount ?? 500_000);
        lead.currency ??= 'USD';
        rows.push({ index, id, field: 'amount', problem: 'negative amount' });
        break;
      case 'stageDates':
        lead.stageDates = { ...lead.stageDates, sqll: lead.createdAt };
        rows.push({ index, id, field: 'stageDates.sqll', problem: 'unknown stage' });
        break;
      case 'firstTouchAt':
        lead.firstTouchAt = 'yesterday';
        rows.push({ index, id, field: 'firstTouchAt', problem: 'not an instant' });
        break;
      case 'id': {
        const other = leads[index - 1] as Lead;
        lead.id = other.id;
        rows.push({ index, id: lead.id, field: 'id', problem: `duplicate of the lead before it (was ${id})` });
        break;
      }
      case 'order': {
        const created = toEpochMs(lead.createdAt);
        const [firstStage, secondStage] =
          Object.keys(lead.stageDates ?? {}).length >= 2 ? Object.keys(lead.stageDates ?? {}) : ['inquiry', 'mql'];
        lead.stageDates = {
          [firstStage as string]: lead.createdAt,
          [secondStage as string]: new Date(created - 3 * DAY).toISOString(),
        };
        rows.push({
          index,
          id,
          field: `stageDates.${secondStage}`,
          problem: 'a later stage dated before an earlier one',
        });
        break;
      }
    }
  }
  return rows.sort((a, b) => a.index - b.index);
}
