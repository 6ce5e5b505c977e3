import type { Agreement } from '../agreement/agreement.types';
import type { Rule } from '../criteria/criteria.types';
import type { PathSegment } from '../errors/errors.types';
import { describeRule } from './describeRule';
import type { AgreementChange, AgreementDiff } from './governance.types';

/** Sections in the order a council reads them, with the noun for one of their entries. */
const AREAS: readonly (readonly [keyof Agreement, string])[] = [
  ['name', 'Name'],
  ['timezone', 'Time zone'],
  ['currency', 'Currency'],
  ['stages', 'Stage'],
  ['transitions', 'Transitions'],
  ['leadStandard', 'Lead standard'],
  ['calendars', 'Calendar'],
  ['slas', 'SLA'],
  ['dispositions', 'Reject reason'],
  ['routing', 'Routing'],
  ['metrics', 'Metric'],
  ['targets', 'Target'],
  ['attribution', 'Attribution'],
  ['icp', 'ICP'],
  ['intent', 'Intent'],
  ['targetAccounts', 'Target accounts'],
  ['buyingCommittee', 'Buying committee'],
  ['winLoss', 'Win/loss'],
];

/** Nouns for entries of nested id-keyed lists. */
const ENTRY_NOUNS: Record<string, string> = {
  suppress: 'suppression rule',
  rules: 'rule',
  pools: 'pool',
  members: 'member',
  territories: 'territory',
  criteria: 'criterion',
  signals: 'signal',
  tiers: 'tier',
  roles: 'role',
  requirements: 'requirement',
  lossReasons: 'loss reason',
  themes: 'theme',
  escalate: 'escalation step',
};

const FIELD_NAMES: Record<string, string> = {
  entry: 'entry criteria',
  exit: 'exit criteria',
  when: 'condition',
  appliesTo: 'applies to',
  pause: 'pause condition',
  warnAt: 'warning threshold',
  staleAfterDays: 'stale after (days)',
  halfLifeDays: 'half-life (days)',
  lookbackDays: 'lookback (days)',
  declaredTotal: 'declared total',
  requiredFields: 'required fields',
  fallbackQueue: 'fallback queue',
  backward: 'backward moves',
  allowSkip: 'skipping stages',
  min: 'minimum',
  max: 'maximum',
};

const KEYED_AREAS = new Set(['calendars', 'targets']);
const RULE_KEYS = new Set(['entry', 'exit', 'when', 'appliesTo', 'pause']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasId = (v: unknown): v is { id: string; label?: string } => isObject(v) && typeof v.id === 'string';
const isDuration = (v: unknown): boolean => isObject(v) && typeof v.minutes === 'number' && typeof v.clock === 'string';
const isRule = (v: unknown): v is Rule => isObject(v) && ('all' in v || 'any' in v || 'not' in v || 'op' in v);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** A value as the council reads it. */
function show(value: unknown, key: string | undefined): string {
  if (value === undefined) return 'none';
  if (isRule(value) && (key === undefined || RULE_KEYS.has(key) || 'op' in value || 'all' in value))
    return describeRule(value);
  if (isObject(value) && isDuration(value)) return `${value.minutes} ${value.clock} minutes`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value))
    return value.length === 0
      ? 'none'
      : value.map((v) => (hasId(v) ? JSON.stringify(v.id) : show(v, undefined))).join(', ');
  if (isObject(value)) {
    if (hasId(value)) return JSON.stringify(value.label ?? value.id);
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${show(v, k)}`)
      .join(', ')} }`;
  }
  return String(value);
}

const fieldName = (keys: readonly PathSegment[]): string =>
  keys.map((k) => (typeof k === 'number' ? `#${k + 1}` : (FIELD_NAMES[k] ?? k))).join(' › ');

interface Walk {
  area: string;
  /** `Stage "MQL"`, or the area's noun for fields of the section itself. */
  subject: string;
  /** Keys below the subject, for the field name. */
  below: PathSegment[];
  path: PathSegment[];
  out: AgreementChange[];
}

function diff(a: unknown, b: unknown, w: Walk): void {
  if (same(a, b)) return;
  const key = w.below.at(-1);
  const keyName = typeof key === 'string' ? key : undefined;
  const field = w.below.length === 0 ? '' : ` ${fieldName(w.below)}`;
  const push = (kind: AgreementChange['kind'], summary: string): void => {
    w.out.push({ kind, area: w.area, path: w.path, summary, before: a, after: b });
  };

  if (a === undefined) {
    push(
      'added',
      field ? `${w.subject}:${field} set to ${show(b, keyName)}.` : `${w.subject} added: ${show(b, keyName)}.`,
    );
    return;
  }
  if (b === undefined) {
    push(
      'removed',
      field
        ? `${w.subject}:${field} removed (was ${show(a, keyName)}).`
        : `${w.subject} removed (was ${show(a, keyName)}).`,
    );
    return;
  }
  const ruleLeaf = (keyName !== undefined && RULE_KEYS.has(keyName)) || isDuration(a) || isDuration(b);
  if (!ruleLeaf && Array.isArray(a) && Array.isArray(b) && a.every(hasId) && b.every(hasId)) {
    diffList(a, b, w);
    return;
  }
  if (!ruleLeaf && isObject(a) && isObject(b) && !isRule(a) && !isRule(b)) {
    // Records keyed by id (calendars, targets): each key is an entry of its own.
    const keyed = w.path.length === 1 && KEYED_AREAS.has(w.area);
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      diff(a[k], b[k], {
        ...w,
        ...(keyed ? { subject: `${w.subject} ${JSON.stringify(k)}`, below: [] } : { below: [...w.below, k] }),
        path: [...w.path, k],
      });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const added = b.filter((v) => !a.some((x) => same(x, v)));
    const removed = a.filter((v) => !b.some((x) => same(x, v)));
    const parts = [
      added.length ? `added ${show(added, undefined)}` : '',
      removed.length ? `removed ${show(removed, undefined)}` : '',
    ].filter(Boolean);
    if (parts.length) push('changed', `${w.subject}:${field} ${parts.join('; ')}.`);
    else push('reordered', `${w.subject}:${field} reordered to ${show(b, undefined)}.`);
    return;
  }
  push('changed', `${w.subject}:${field} changed from ${show(a, keyName)} to ${show(b, keyName)}.`);
}

function diffList(a: readonly { id: string }[], b: readonly { id: string }[], w: Walk): void {
  const listKey = w.below.at(-1);
  const noun = typeof listKey === 'string' && ENTRY_NOUNS[listKey] ? ENTRY_NOUNS[listKey] : w.subject;
  const owner = w.below.length === 0 ? '' : `${w.subject}, `;
  const name = (e: { id: string; label?: string }) =>
    e.label && e.label !== e.id ? `"${e.label}" (${e.id})` : JSON.stringify(e.id);
  const inB = new Map(b.map((e, i) => [e.id, i]));
  const inA = new Map(a.map((e, i) => [e.id, i]));
  for (const [i, e] of a.entries())
    if (!inB.has(e.id))
      w.out.push({
        kind: 'removed',
        area: w.area,
        path: [...w.path, i],
        summary: `${owner}${noun} ${name(e)} removed.`,
        before: e,
      });
  for (const [i, e] of b.entries()) {
    const j = inA.get(e.id);
    const entity = `${owner}${noun} ${name(e)}`;
    if (j === undefined) {
      w.out.push({ kind: 'added', area: w.area, path: [...w.path, i], summary: `${entity} added.`, after: e });
      continue;
    }
    diff(a[j], e, { ...w, subject: entity.charAt(0).toUpperCase() + entity.slice(1), below: [], path: [...w.path, i] });
  }
  const order = (xs: readonly { id: string }[], other: Map<string, number>) =>
    xs.filter((e) => other.has(e.id)).map((e) => e.id);
  const before = order(a, inB);
  const after = order(b, inA);
  if (!same(before, after))
    w.out.push({
      kind: 'reordered',
      area: w.area,
      path: w.path,
      summary: `${owner}${noun} order changed: ${after.join(' → ')} (was ${before.join(' → ')}); the first match wins.`,
      before,
      after,
    });
}

/**
 * @name diffAgreements
 * @category Governance
 * @summary Lists what changed between two agreement versions, in words a funnel council can read.
 *
 * @description
 * Compares every section: entries of id-keyed lists (stages, SLAs, reasons, pools, metrics, ICP
 * criteria…) are matched by id, so an added, removed or edited entry reads as such, and a new order
 * of an ordered list (routing rules, tiers) is reported — the first match wins there. Rules are
 * written out with {@link describeRule}; SLA targets as minutes on their clock. `id`, `version`
 * and `effectiveFrom` are what a version is, not what it says, so they head the result instead.
 *
 * @param a - The older version.
 * @param b - The newer version.
 * @returns `{ from, to, changes: [{ kind, area, path, summary, before, after }] }`.
 *
 * @example
 * diffAgreements(v1, v2).changes.map((c) => c.summary)
 * //=> ['Stage "MQL" (mql): entry criteria changed from attributes.employees ≥ 50 to attributes.employees ≥ 20.',
 * //    'Target: conversion.mql.sal › minimum changed from 0.3 to 0.25.']
 */
export function diffAgreements(a: Agreement, b: Agreement): AgreementDiff {
  const out: AgreementChange[] = [];
  for (const [area, noun] of AREAS) {
    const before = a[area] as unknown;
    const after = b[area] as unknown;
    diff(before, after, { area, subject: noun, below: [], path: [area], out });
  }
  const head = (x: Agreement) => ({ id: x.id, version: x.version, effectiveFrom: x.effectiveFrom });
  return { from: head(a), to: head(b), changes: out };
}
