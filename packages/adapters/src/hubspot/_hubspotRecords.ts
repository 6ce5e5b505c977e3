// HubSpot CRM v3 objects → canonical records (and the mapping they are read with). Private: the adapter
// and its tests use it; hosts use createHubSpotAdapter.
import type { AccordIssue, Agreement, AttributeValue, Lead, Opportunity } from '@accord/core';
import { defaultHubSpotMapping } from './defaultHubSpotMapping';
import type { HubSpotMapping, HubSpotMappingInput, HubSpotObject, HubSpotPipeline } from './hubspot.types';

type Path = readonly (string | number)[];

/** The full mapping: the input over the defaults (nested objects merged key by key). */
export function resolveMapping(input: HubSpotMappingInput = {}): HubSpotMapping {
  const d = defaultHubSpotMapping;
  return {
    ...d,
    ...input,
    contact: { ...d.contact, ...input.contact },
    disposition: { ...d.disposition, ...input.disposition },
    deal: { ...d.deal, ...input.deal },
  };
}

/** Issues of a mapping that names stages or reasons the agreement does not have. */
export function mappingIssues(mapping: HubSpotMapping, agreement: Agreement): AccordIssue[] {
  const known = agreement.stages.map((s) => s.id);
  const issues: AccordIssue[] = [];
  const check = (stageId: string, path: Path) => {
    if (!known.includes(stageId))
      issues.push({
        code: 'unknown_stage',
        stageId,
        known,
        path,
        message: `The mapping names stage "${stageId}", which the agreement does not have. Use one of its stage ids.`,
      });
  };
  for (const [value, stage] of Object.entries(mapping.lifecyclestage)) check(stage, ['lifecyclestage', value]);
  for (const [value, stage] of Object.entries(mapping.leadStatus)) check(stage, ['leadStatus', value]);
  for (const stage of Object.keys(mapping.stageDateProperties)) check(stage, ['stageDateProperties', stage]);
  const reasons = (agreement.dispositions ?? []).map((r) => r.id);
  for (const reason of Object.keys(mapping.dispositionLeadStatus))
    if (!reasons.includes(reason))
      issues.push({
        code: 'unknown_reason',
        reasonId: reason,
        known: reasons,
        path: ['dispositionLeadStatus', reason],
        message: `The mapping names disposition reason "${reason}", which the agreement does not have.`,
      });
  return issues;
}

/** Stage id → the contact properties holding its entry date. */
export function stageDateSources(mapping: HubSpotMapping): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (stage: string, property: string) => {
    const list = out.get(stage) ?? [];
    if (!list.includes(property)) list.push(property);
    out.set(stage, list);
  };
  for (const [value, stage] of Object.entries(mapping.lifecyclestage)) add(stage, `hs_lifecyclestage_${value}_date`);
  for (const [stage, properties] of Object.entries(mapping.stageDateProperties))
    for (const property of properties) add(stage, property);
  return out;
}

const attributeSource = (a: string | { property: string; type?: 'string' | 'number' | 'boolean' }) =>
  typeof a === 'string' ? { property: a, type: 'string' as const } : { property: a.property, type: a.type ?? 'string' };

/** Every contact property the mapping reads. */
export function contactProperties(mapping: HubSpotMapping): string[] {
  const names = new Set<string>(['createdate', 'lastmodifieddate', 'lifecyclestage', 'hs_lead_status']);
  for (const p of Object.values(mapping.contact)) if (p) names.add(p);
  for (const a of Object.values(mapping.attributes)) names.add(attributeSource(a).property);
  for (const list of stageDateSources(mapping).values()) for (const p of list) names.add(p);
  for (const p of Object.values(mapping.disposition)) names.add(p);
  return [...names].sort();
}

/** Every deal property the mapping reads. */
export function dealProperties(mapping: HubSpotMapping): string[] {
  const names = new Set<string>(['amount', 'closedate', 'createdate', 'dealstage', 'pipeline', 'hs_lastmodifieddate']);
  names.add(mapping.deal.currency);
  if (mapping.deal.source) names.add(mapping.deal.source);
  return [...names].sort();
}

const text = (v: string | null | undefined): string | undefined =>
  v === null || v === undefined || v === '' ? undefined : v;

/** A HubSpot datetime (ISO with offset, or epoch ms as digits) as an ISO instant, or undefined when it is not one. */
export function parseHubSpotInstant(value: string): string | undefined {
  const ms = /^-?\d{1,15}$/.test(value)
    ? Number(value)
    : /(Z|[+-]\d\d:?\d\d)$/i.test(value) && /^\d{4}-\d\d-\d\d[T ]/.test(value)
      ? Date.parse(value)
      : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Digits after the decimal point of a currency's minor unit (USD 2, JPY 0, BHD 3), or undefined for an unknown code. */
export function currencyExponent(currency: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(currency)) return undefined;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/**
 * A decimal string (`"1500.00"`, `"-3.5"`) as minor units of the currency, exactly: digits are moved, never
 * multiplied as floats. Undefined when it is not a plain decimal, has more significant decimals than the
 * currency has, or is beyond ±2^53.
 */
export function parseHubSpotAmount(value: string, exponent: number): number | undefined {
  const m = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(value);
  if (!m) return undefined;
  const [, sign, whole, fraction = ''] = m as unknown as [string, string, string, string | undefined];
  const kept = fraction.slice(0, exponent);
  if (/[^0]/.test(fraction.slice(exponent))) return undefined;
  const digits = `${whole}${kept.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  const big = BigInt(digits);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const n = Number(big);
  return sign === '-' && n !== 0 ? -n : n;
}

function issue(path: Path, detail: string): AccordIssue {
  return { code: 'invalid_argument', detail, path, message: detail };
}

/** A contact as a lead, or the issues that keep it from being one (paths `contacts/<id>/properties/<name>`). */
export function contactToLead(object: HubSpotObject, mapping: HubSpotMapping): { lead?: Lead; issues: AccordIssue[] } {
  const issues: AccordIssue[] = [];
  const id = String(object.id);
  const props = object.properties ?? {};
  const at = (property: string): string | undefined => {
    const raw = text(props[property]);
    if (raw === undefined) return undefined;
    const instant = parseHubSpotInstant(raw);
    if (instant === undefined)
      issues.push(issue(['contacts', id, 'properties', property], `contact ${id}: ${property} is not a date-time`));
    return instant;
  };
  const createdAt = at('createdate') ?? (object.createdAt ? parseHubSpotInstant(object.createdAt) : undefined);
  if (createdAt === undefined && text(props.createdate) === undefined)
    issues.push(issue(['contacts', id, 'properties', 'createdate'], `contact ${id}: createdate is missing`));
  const lead: Lead = { id, createdAt: createdAt ?? '' };
  const c = mapping.contact;
  const plain = [
    'email',
    'company',
    'country',
    'domain',
    'ownerId',
    'teamId',
    'source',
    'campaignId',
    'segment',
    'region',
    'accountId',
  ] as const;
  for (const field of plain) {
    const property = c[field];
    const value = property ? text(props[property]) : undefined;
    if (value !== undefined) lead[field] = value;
  }
  if (c.firstTouchAt) {
    const first = at(c.firstTouchAt);
    if (first !== undefined) lead.firstTouchAt = first;
  }
  if (c.touches) {
    const raw = text(props[c.touches]);
    if (raw !== undefined) {
      if (/^\d+$/.test(raw)) lead.touches = Number(raw);
      else
        issues.push(
          issue(['contacts', id, 'properties', c.touches], `contact ${id}: ${c.touches} is not a whole number`),
        );
    }
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const [name, source] of Object.entries(mapping.attributes)) {
    const { property, type } = attributeSource(source);
    const raw = text(props[property]);
    if (raw === undefined) continue;
    if (type === 'string') attributes[name] = raw;
    else if (type === 'number') {
      const n = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(n)) attributes[name] = n;
      else issues.push(issue(['contacts', id, 'properties', property], `contact ${id}: ${property} is not a number`));
    } else if (raw === 'true' || raw === 'false') attributes[name] = raw === 'true';
    else
      issues.push(issue(['contacts', id, 'properties', property], `contact ${id}: ${property} is not true or false`));
  }
  if (Object.keys(attributes).length > 0) lead.attributes = attributes;
  const stageDates: Record<string, string> = {};
  for (const [stage, properties] of stageDateSources(mapping)) {
    for (const property of properties) {
      const instant = at(property);
      if (instant !== undefined && (stageDates[stage] === undefined || instant < (stageDates[stage] as string)))
        stageDates[stage] = instant;
    }
  }
  if (Object.keys(stageDates).length > 0) lead.stageDates = stageDates;
  const d = mapping.disposition;
  const reasonId = text(props[d.reason]);
  if (reasonId !== undefined) {
    const when = at(d.at);
    if (when === undefined && text(props[d.at]) === undefined)
      issues.push(issue(['contacts', id, 'properties', d.at], `contact ${id}: ${d.at} is missing beside ${d.reason}`));
    lead.disposition = { reasonId, at: when ?? '' };
    const by = text(props[d.by]);
    if (by !== undefined) lead.disposition.by = by;
    const detail = text(props[d.detail]);
    if (detail !== undefined) lead.disposition.detail = detail;
  }
  return issues.length > 0 ? { issues } : { lead, issues };
}

/** How a deal stage stands: from its pipeline's metadata (`isClosed`, `probability`). */
export type DealStageState = 'open' | 'won' | 'lost';

/** Deal stage id → its state, from the deal pipelines. */
export function dealStageStates(pipelines: readonly HubSpotPipeline[]): Map<string, DealStageState> {
  const out = new Map<string, DealStageState>();
  for (const pipeline of pipelines)
    for (const stage of pipeline.stages ?? []) {
      const closed = stage.metadata?.isClosed === 'true';
      const probability = Number(stage.metadata?.probability);
      out.set(stage.id, !closed ? 'open' : probability >= 1 ? 'won' : 'lost');
    }
  return out;
}

/** What a deal is read with beside its own properties. */
export interface DealContext {
  mapping: HubSpotMapping;
  states: ReadonlyMap<string, DealStageState>;
  /** Associated contact ids (→ leadIds) and company ids (the first → accountId). */
  contactIds: readonly string[];
  companyIds: readonly string[];
  /** Currency of deals without one (the portal's company currency). */
  defaultCurrency?: string;
  /** `error` (default): a deal without an amount is an invalid record; `zero`: it counts as 0. */
  missingAmount: 'error' | 'zero';
}

/** A deal as an opportunity, or the issues that keep it from being one (paths `deals/<id>/properties/<name>`). */
export function dealToOpportunity(
  object: HubSpotObject,
  ctx: DealContext,
): { opportunity?: Opportunity; issues: AccordIssue[] } {
  const issues: AccordIssue[] = [];
  const id = String(object.id);
  const props = object.properties ?? {};
  const path = (p: string) => ['deals', id, 'properties', p];
  const rawCreated = text(props.createdate) ?? object.createdAt;
  const createdAt = rawCreated === undefined ? undefined : parseHubSpotInstant(rawCreated);
  if (createdAt === undefined)
    issues.push(issue(path('createdate'), `deal ${id}: createdate is missing or not a date-time`));
  const dealstage = text(props.dealstage);
  const mapped = dealstage === undefined ? undefined : ctx.mapping.dealstage[dealstage];
  let state = dealstage === undefined ? undefined : ctx.states.get(dealstage);
  if (state === undefined && mapped !== undefined)
    state = mapped === ctx.mapping.wonDealStage ? 'won' : mapped === ctx.mapping.lostDealStage ? 'lost' : 'open';
  if (state === undefined)
    issues.push(
      issue(
        path('dealstage'),
        `deal ${id}: dealstage is missing or in no deal pipeline, and the mapping does not name it`,
      ),
    );
  const stage =
    mapped ??
    (state === 'won'
      ? ctx.mapping.wonDealStage
      : state === 'lost'
        ? ctx.mapping.lostDealStage
        : ctx.mapping.openDealStage);
  const currency = text(props[ctx.mapping.deal.currency]) ?? ctx.defaultCurrency;
  const exponent = currency === undefined ? undefined : currencyExponent(currency);
  if (exponent === undefined)
    issues.push(
      issue(
        path(ctx.mapping.deal.currency),
        `deal ${id}: no ISO 4217 currency (set ${ctx.mapping.deal.currency} or the adapter's defaultCurrency)`,
      ),
    );
  const rawAmount = text(props.amount);
  let amount: number | undefined;
  if (rawAmount === undefined) {
    if (ctx.missingAmount === 'zero') amount = 0;
    else
      issues.push(
        issue(path('amount'), `deal ${id}: amount is missing (or create the adapter with missingAmount: 'zero')`),
      );
  } else if (exponent !== undefined) {
    amount = parseHubSpotAmount(rawAmount, exponent);
    if (amount === undefined)
      issues.push(
        issue(path('amount'), `deal ${id}: amount is not a decimal with at most ${exponent} decimals in range`),
      );
  }
  let closedAt: string | undefined;
  if (state === 'won' || state === 'lost') {
    const raw = text(props.closedate);
    closedAt = raw === undefined ? undefined : parseHubSpotInstant(raw);
    if (raw !== undefined && closedAt === undefined)
      issues.push(issue(path('closedate'), `deal ${id}: closedate is not a date-time`));
  }
  if (issues.length > 0) return { issues };
  const opportunity: Opportunity = {
    id,
    createdAt: createdAt as string,
    stage,
    amount: amount as number,
    currency: currency as string,
  };
  if (ctx.contactIds.length > 0) opportunity.leadIds = [...ctx.contactIds];
  if (ctx.companyIds[0] !== undefined) opportunity.accountId = ctx.companyIds[0];
  if (closedAt !== undefined) opportunity.closedAt = closedAt;
  if (state === 'won') opportunity.won = true;
  if (state === 'lost') opportunity.won = false;
  const source = ctx.mapping.deal.source ? text(props[ctx.mapping.deal.source]) : undefined;
  if (source !== undefined) opportunity.source = source;
  return { opportunity, issues };
}

/** Numeric ids in numeric order, others after them in code-unit order (HubSpot's ids are numeric). */
export function compareIds(a: string, b: string): number {
  const na = /^\d{1,15}$/.test(a);
  const nb = /^\d{1,15}$/.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
