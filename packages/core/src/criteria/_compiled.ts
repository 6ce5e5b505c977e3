import { readPath, splitFieldPath } from '../_lib/fieldPath';
import { toEpochMs } from '../_lib/instant';
import { accordError } from '../errors/errorMap';
import type { CriterionReason, EvaluateCriteriaOptions, FieldOp, FieldRule, Rule, ScalarValue } from './criteria.types';
import { validateRule } from './validateRule';

const DAY_MS = 86_400_000;

/** The outcome of one comparison, plus a note when the value could not be compared. */
interface LeafOutcome {
  matched: boolean;
  note?: string;
}

/** A rule turned into closures once: paths split, regexes built, lists hashed. No code generation. */
export type CompiledNode =
  | { kind: 'all' | 'any'; at: string; children: CompiledNode[] }
  | { kind: 'not'; at: string; child: CompiledNode }
  | {
      kind: 'leaf';
      at: string;
      rule: FieldRule;
      segments: readonly string[];
      needsNow: boolean;
      test: (actual: unknown, now: number) => LeafOutcome;
    };

const isMissing = (v: unknown): boolean => v === undefined || v === null || v === '';
const fold = (v: unknown, ignoreCase: boolean | undefined): unknown =>
  ignoreCase && typeof v === 'string' ? v.toLowerCase() : v;

const MATCH: LeafOutcome = { matched: true };
const MISS: LeafOutcome = { matched: false };
const MISSING: LeafOutcome = { matched: false, note: 'missing' };

function equalsTest(expected: ScalarValue, ignoreCase?: boolean): (actual: unknown) => boolean {
  if (expected === null) return isMissing;
  const want = fold(expected, ignoreCase);
  return (actual) => fold(actual, ignoreCase) === want;
}

function compileLeaf(rule: FieldRule): (actual: unknown, now: number) => LeafOutcome {
  switch (rule.op) {
    case 'eq':
    case 'ne': {
      const eq = equalsTest(rule.value, rule.ignoreCase);
      const positive = rule.op === 'eq';
      return (actual) => (eq(actual) === positive ? MATCH : MISS);
    }
    case 'in':
    case 'nin': {
      const hasNull = rule.value.includes(null);
      const set = new Set(rule.value.filter((v) => v !== null).map((v) => fold(v, rule.ignoreCase)));
      const positive = rule.op === 'in';
      return (actual) => {
        const found = isMissing(actual) ? hasNull : set.has(fold(actual, rule.ignoreCase));
        return found === positive ? MATCH : MISS;
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const v = rule.value;
      const cmp =
        rule.op === 'gt'
          ? (a: number) => a > v
          : rule.op === 'gte'
            ? (a: number) => a >= v
            : rule.op === 'lt'
              ? (a: number) => a < v
              : (a: number) => a <= v;
      return (actual) => {
        if (typeof actual === 'number' && !Number.isNaN(actual)) return cmp(actual) ? MATCH : MISS;
        return isMissing(actual) ? MISSING : { matched: false, note: 'not a number' };
      };
    }
    case 'exists': {
      const want = rule.value ?? true;
      return (actual) => (!isMissing(actual) === want ? MATCH : MISS);
    }
    case 'matches': {
      const re = new RegExp(rule.value, rule.flags ?? '');
      return (actual) => {
        if (typeof actual === 'string') return re.test(actual) ? MATCH : MISS;
        return isMissing(actual) ? MISSING : { matched: false, note: 'not a string' };
      };
    }
    case 'contains': {
      const eq = equalsTest(rule.value, rule.ignoreCase);
      const needle = fold(rule.value, rule.ignoreCase);
      return (actual) => {
        if (Array.isArray(actual)) return actual.some(eq) ? MATCH : MISS;
        if (typeof actual === 'string' && typeof needle === 'string')
          return (fold(actual, rule.ignoreCase) as string).includes(needle) ? MATCH : MISS;
        return isMissing(actual) ? MISSING : { matched: false, note: 'not a list or text' };
      };
    }
    case 'within_days': {
      const span = rule.value * DAY_MS;
      return (actual, now) => {
        const t = toEpochMs(actual);
        if (Number.isNaN(t)) return isMissing(actual) ? MISSING : { matched: false, note: 'not an instant' };
        if (t > now) return { matched: false, note: 'in the future' };
        return now - t <= span ? MATCH : MISS;
      };
    }
    case 'before':
    case 'after': {
      const bound = toEpochMs(rule.value);
      const before = rule.op === 'before';
      return (actual) => {
        const t = toEpochMs(actual);
        if (Number.isNaN(t)) return isMissing(actual) ? MISSING : { matched: false, note: 'not an instant' };
        return (before ? t < bound : t > bound) ? MATCH : MISS;
      };
    }
  }
}

function build(rule: Rule, at: string): CompiledNode {
  const child = (key: string, i?: number) => (at === '' ? '' : `${at}.`) + (i === undefined ? key : `${key}[${i}]`);
  if ('all' in rule) return { kind: 'all', at, children: rule.all.map((r, i) => build(r, child('all', i))) };
  if ('any' in rule) return { kind: 'any', at, children: rule.any.map((r, i) => build(r, child('any', i))) };
  if ('not' in rule) return { kind: 'not', at, child: build(rule.not, child('not')) };
  return {
    kind: 'leaf',
    at,
    rule,
    segments: splitFieldPath(rule.field),
    needsNow: rule.op === 'within_days',
    test: compileLeaf(rule),
  };
}

const compiledRules = new WeakMap<object, CompiledNode>();

/**
 * Validates (once per rule object) and compiles a rule. An invalid rule — including a path that
 * touches `__proto__`, `prototype` or `constructor` — throws an {@link AccordError}.
 */
export function compiledRule(rule: Rule): CompiledNode {
  let compiled = compiledRules.get(rule);
  if (compiled === undefined) {
    const issues = validateRule(rule);
    if (issues.length > 0) throw accordError(issues);
    compiled = build(rule, '');
    compiledRules.set(rule, compiled);
  }
  return compiled;
}

/** Resolves `options.now` to epoch ms; NaN when absent (checked where needed). */
export function resolveNow(options: EvaluateCriteriaOptions | undefined): number {
  const now = options?.now;
  if (now === undefined) return Number.NaN;
  const ms = now instanceof Date ? now.getTime() : toEpochMs(now);
  if (Number.isNaN(ms)) throw new Error(`[accord] options.now is not a valid instant: ${String(now)}`);
  return ms;
}

function requireNow(now: number, rule: FieldRule): void {
  if (Number.isNaN(now))
    throw new Error(`[accord] the rule on "${rule.field}" uses "${rule.op}", which needs options.now; pass { now }.`);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A getter specialised for the path's length (own properties only, like `readPath`). */
function getter(segments: readonly string[]): (record: unknown) => unknown {
  if (segments.length === 1) {
    const [a] = segments as [string];
    return (r) =>
      r !== null && typeof r === 'object' && hasOwn.call(r, a) ? (r as Record<string, unknown>)[a] : undefined;
  }
  if (segments.length === 2) {
    const [a, b] = segments as [string, string];
    return (r) => {
      if (r === null || typeof r !== 'object' || !hasOwn.call(r, a)) return undefined;
      const v = (r as Record<string, unknown>)[a];
      return v !== null && typeof v === 'object' && hasOwn.call(v, b) ? (v as Record<string, unknown>)[b] : undefined;
    };
  }
  return (r) => readPath(r, segments);
}

/** A short-circuiting predicate over the compiled rule: closures only, no explanations. */
export type FastTest = (record: unknown, now: number) => boolean;

const fastTests = new WeakMap<CompiledNode, FastTest>();

/** Builds (once per compiled rule) the fast predicate used by `compileCriteria`. */
export function fastTest(node: CompiledNode): FastTest {
  let test = fastTests.get(node);
  if (test === undefined) {
    test = buildFast(node);
    fastTests.set(node, test);
  }
  return test;
}

/** A boolean test for the common operators (no outcome objects); other operators go through `test`. */
function booleanLeaf(rule: FieldRule): ((actual: unknown) => boolean) | undefined {
  const caseless = 'ignoreCase' in rule && rule.ignoreCase === true;
  switch (rule.op) {
    case 'eq':
    case 'ne': {
      if (caseless || rule.value === null) return undefined;
      const want = rule.value;
      return rule.op === 'eq' ? (a) => a === want : (a) => a !== want;
    }
    case 'in':
    case 'nin': {
      // Missing values ('' too) follow the general path, which treats them as null.
      if (caseless || rule.value.includes(null) || rule.value.includes('')) return undefined;
      const set = new Set(rule.value);
      return rule.op === 'in' ? (a) => set.has(a as never) : (a) => !set.has(a as never);
    }
    case 'gt': {
      const v = rule.value;
      return (a) => typeof a === 'number' && a > v;
    }
    case 'gte': {
      const v = rule.value;
      return (a) => typeof a === 'number' && a >= v;
    }
    case 'lt': {
      const v = rule.value;
      return (a) => typeof a === 'number' && a < v;
    }
    case 'lte': {
      const v = rule.value;
      return (a) => typeof a === 'number' && a <= v;
    }
    default:
      return undefined;
  }
}

function buildFast(node: CompiledNode): FastTest {
  switch (node.kind) {
    case 'leaf': {
      const get = getter(node.segments);
      const leaf = node.test;
      const { rule } = node;
      const simple = booleanLeaf(rule);
      if (simple) return (r) => simple(get(r));
      if (node.needsNow)
        return (r, now) => {
          requireNow(now, rule);
          return leaf(get(r), now).matched;
        };
      return (r, now) => leaf(get(r), now).matched;
    }
    case 'not': {
      const child = buildFast(node.child);
      return (r, now) => !child(r, now);
    }
    case 'all': {
      const children = node.children.map(buildFast);
      if (children.length === 2) {
        const [a, b] = children as [FastTest, FastTest];
        return (r, now) => a(r, now) && b(r, now);
      }
      return (r, now) => {
        for (let i = 0; i < children.length; i++) if (!(children[i] as FastTest)(r, now)) return false;
        return true;
      };
    }
    case 'any': {
      const children = node.children.map(buildFast);
      if (children.length === 2) {
        const [a, b] = children as [FastTest, FastTest];
        return (r, now) => a(r, now) || b(r, now);
      }
      return (r, now) => {
        for (let i = 0; i < children.length; i++) if ((children[i] as FastTest)(r, now)) return true;
        return false;
      };
    }
  }
}

const OP_TEXT: Record<FieldOp, string> = {
  eq: '=',
  ne: '≠',
  in: 'one of',
  nin: 'none of',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  exists: '',
  matches: 'to match',
  contains: 'to contain',
  within_days: 'to be within the last',
  before: 'to be before',
  after: 'to be after',
};

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map(show);
    return `[${items.join(', ')}${value.length > 5 ? `, … ${value.length} in all` : ''}]`;
  }
  return 'an object';
}

function need(rule: FieldRule): string {
  switch (rule.op) {
    case 'exists':
      return rule.value === false ? 'to be missing' : 'to be present';
    case 'matches':
      return `to match /${rule.value}/${rule.flags ?? ''}`;
    case 'within_days':
      return `to be within the last ${rule.value} day${rule.value === 1 ? '' : 's'}`;
    case 'in':
    case 'nin':
      return `${OP_TEXT[rule.op]} ${show(rule.value)}`;
    case 'before':
    case 'after':
      return `${OP_TEXT[rule.op]} ${typeof rule.value === 'number' ? new Date(rule.value).toISOString() : rule.value}`;
    default: {
      const suffix = 'ignoreCase' in rule && rule.ignoreCase ? ' (ignoring case)' : '';
      return `${OP_TEXT[rule.op]} ${show(rule.value)}${suffix}`;
    }
  }
}

function describeActual(actual: unknown, outcome: LeafOutcome, rule: FieldRule, now: number): string {
  const base = isMissing(actual) && actual !== null ? 'missing' : show(actual);
  if (rule.op === 'within_days' && !Number.isNaN(now)) {
    const t = toEpochMs(actual);
    if (!Number.isNaN(t)) {
      const days = (now - t) / DAY_MS;
      return `${base} (${Math.abs(days).toFixed(1)} days ${days >= 0 ? 'ago' : 'from now'})`;
    }
  }
  return outcome.note && outcome.note !== 'missing' ? `${base} (${outcome.note})` : base;
}

/** Explaining path: evaluates every comparison (no short-circuit) and records what each compared. */
export function explainNode(
  node: CompiledNode,
  record: unknown,
  now: number,
  negated: boolean,
  reasons: CriterionReason[],
): boolean {
  switch (node.kind) {
    case 'leaf': {
      if (node.needsNow) requireNow(now, node.rule);
      const actual = readPath(record, node.segments);
      const outcome = node.test(actual, now);
      const { rule } = node;
      const reason: CriterionReason = {
        at: node.at,
        field: rule.field,
        op: rule.op,
        expected: rule.value,
        actual,
        passed: outcome.matched,
        negated,
        message: `${rule.field} is ${describeActual(actual, outcome, rule, now)}, needs ${need(rule)}`,
      };
      if (rule.id !== undefined) reason.id = rule.id;
      if (rule.label !== undefined) reason.label = rule.label;
      reasons.push(reason);
      return outcome.matched;
    }
    case 'all': {
      let passed = true;
      for (const c of node.children) passed = explainNode(c, record, now, negated, reasons) && passed;
      return passed;
    }
    case 'any': {
      let passed = false;
      for (const c of node.children) passed = explainNode(c, record, now, negated, reasons) || passed;
      return passed;
    }
    case 'not':
      return !explainNode(node.child, record, now, !negated, reasons);
  }
}
