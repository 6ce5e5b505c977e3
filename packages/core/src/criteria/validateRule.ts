import { describeType, isRecord } from '../_lib/describeType';
import { checkFieldPath } from '../_lib/fieldPath';
import { isInstant } from '../_lib/instant';
import type { PathSegment, RawIssue } from '../errors/errors.types';

/** Deepest nesting of `all` / `any` / `not` a rule may have. */
export const MAX_RULE_DEPTH = 32;
const MAX_CHILDREN = 1000;
const MAX_LIST = 10_000;
const MAX_PATTERN = 1000;
const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

const OPS = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'matches',
  'contains',
  'within_days',
  'before',
  'after',
] as const;
const CASE_OPS = new Set(['eq', 'ne', 'in', 'nin', 'contains']);
const META = ['id', 'label'];

const isScalar = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function checkMeta(rule: Record<string, unknown>, path: PathSegment[], issues: RawIssue[]): void {
  if (rule.id !== undefined && (typeof rule.id !== 'string' || !ID.test(rule.id)))
    issues.push({
      code: 'invalid_format',
      path: [...path, 'id'],
      format: 'id',
      ...(typeof rule.id === 'string' ? { received: rule.id } : {}),
    });
  if (rule.label !== undefined && (typeof rule.label !== 'string' || rule.label.length > 200))
    issues.push({
      code: 'invalid_type',
      path: [...path, 'label'],
      expected: 'string of at most 200 characters',
      received: describeType(rule.label),
    });
}

function checkKeys(
  rule: Record<string, unknown>,
  allowed: readonly string[],
  path: PathSegment[],
  issues: RawIssue[],
): void {
  const extra = Object.keys(rule).filter((k) => !allowed.includes(k));
  if (extra.length > 0) issues.push({ code: 'unrecognized_keys', path, keys: extra });
}

function checkLeaf(rule: Record<string, unknown>, path: PathSegment[], issues: RawIssue[]): void {
  const { field, op, value } = rule;
  if (typeof field !== 'string') {
    issues.push({ code: 'invalid_type', path: [...path, 'field'], expected: 'string', received: describeType(field) });
  } else {
    const problem = checkFieldPath(field);
    if (problem?.kind === 'unsafe')
      issues.push({ code: 'unsafe_path', path: [...path, 'field'], segment: problem.segment });
    else if (problem)
      issues.push({ code: 'invalid_format', path: [...path, 'field'], format: 'field_path', received: field });
  }
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) {
    issues.push({ code: 'invalid_value', path: [...path, 'op'], expected: OPS });
    return;
  }
  const allowed = ['field', 'op', 'value', ...META];
  if (CASE_OPS.has(op)) allowed.push('ignoreCase');
  if (op === 'matches') allowed.push('flags');
  checkKeys(rule, allowed, path, issues);
  if (rule.ignoreCase !== undefined && typeof rule.ignoreCase !== 'boolean')
    issues.push({
      code: 'invalid_type',
      path: [...path, 'ignoreCase'],
      expected: 'boolean',
      received: describeType(rule.ignoreCase),
    });

  const at = [...path, 'value'];
  const expectType = (expected: string, ok: boolean) => {
    if (!ok) issues.push({ code: 'invalid_type', path: at, expected, received: describeType(value) });
    return ok;
  };
  switch (op) {
    case 'eq':
    case 'ne':
    case 'contains':
      expectType('string, finite number, boolean or null', isScalar(value));
      break;
    case 'in':
    case 'nin':
      if (!expectType('array of strings, numbers, booleans or null', Array.isArray(value))) break;
      if ((value as unknown[]).length === 0)
        issues.push({ code: 'too_small', path: at, minimum: 1, inclusive: true, origin: 'array' });
      else if ((value as unknown[]).length > MAX_LIST)
        issues.push({ code: 'too_big', path: at, maximum: MAX_LIST, inclusive: true, origin: 'array' });
      (value as unknown[]).forEach((item, i) => {
        if (!isScalar(item))
          issues.push({
            code: 'invalid_type',
            path: [...at, i],
            expected: 'string, finite number, boolean or null',
            received: describeType(item),
          });
      });
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      expectType('finite number', typeof value === 'number' && Number.isFinite(value));
      break;
    case 'exists':
      if (value !== undefined) expectType('boolean', typeof value === 'boolean');
      break;
    case 'within_days':
      if (expectType('finite number', typeof value === 'number' && Number.isFinite(value)) && (value as number) <= 0)
        issues.push({ code: 'too_small', path: at, minimum: 0, inclusive: false, origin: 'number' });
      break;
    case 'before':
    case 'after':
      if (
        expectType(
          'instant (ISO-8601 string with offset, or epoch ms)',
          typeof value === 'string' || typeof value === 'number',
        ) &&
        !isInstant(value)
      )
        issues.push({ code: 'invalid_instant', path: at, received: String(value) });
      break;
    case 'matches': {
      if (!expectType('string (a regular expression)', typeof value === 'string')) break;
      if ((value as string).length > MAX_PATTERN) {
        issues.push({ code: 'too_big', path: at, maximum: MAX_PATTERN, inclusive: true, origin: 'string' });
        break;
      }
      const flags = rule.flags ?? '';
      if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) {
        issues.push({
          code: 'invalid_format',
          path: [...path, 'flags'],
          format: 'regex_flags',
          ...(typeof flags === 'string' ? { received: flags } : {}),
        });
        break;
      }
      try {
        new RegExp(value as string, flags);
      } catch (error) {
        issues.push({ code: 'invalid_regex', path: at, detail: (error as Error).message });
      }
      break;
    }
  }
}

/**
 * Checks that a value is a well-formed {@link Rule}, collecting every problem with its exact path.
 * Written by hand rather than as a zod union so that each issue names the real culprit
 * (`any[1].value`, not "no union member matched").
 */
export function validateRule(value: unknown, path: PathSegment[] = [], depth = 0): RawIssue[] {
  const issues: RawIssue[] = [];
  visit(value, path, depth, issues);
  return issues;
}

function visit(value: unknown, path: PathSegment[], depth: number, issues: RawIssue[]): void {
  if (depth > MAX_RULE_DEPTH) {
    issues.push({ code: 'too_deep', path, maxDepth: MAX_RULE_DEPTH });
    return;
  }
  if (!isRecord(value)) {
    issues.push({ code: 'invalid_type', path, expected: 'rule object', received: describeType(value) });
    return;
  }
  const kinds = ['all', 'any', 'not', 'field'].filter((k) => Object.hasOwn(value, k));
  if (kinds.length !== 1) {
    issues.push({
      code: 'invalid_type',
      path,
      expected: 'rule with exactly one of "all", "any", "not" or "field"',
      received:
        kinds.length === 0
          ? `object with keys ${JSON.stringify(Object.keys(value).slice(0, 5))}`
          : `object with ${kinds.join(' and ')}`,
    });
    return;
  }
  checkMeta(value, path, issues);
  const kind = kinds[0] as 'all' | 'any' | 'not' | 'field';
  if (kind === 'field') {
    checkLeaf(value, path, issues);
    return;
  }
  checkKeys(value, [kind, ...META], path, issues);
  if (kind === 'not') {
    visit(value.not, [...path, 'not'], depth + 1, issues);
    return;
  }
  const children = value[kind];
  if (!Array.isArray(children)) {
    issues.push({
      code: 'invalid_type',
      path: [...path, kind],
      expected: 'array of rules',
      received: describeType(children),
    });
    return;
  }
  if (children.length === 0)
    issues.push({ code: 'too_small', path: [...path, kind], minimum: 1, inclusive: true, origin: 'array' });
  if (children.length > MAX_CHILDREN)
    issues.push({ code: 'too_big', path: [...path, kind], maximum: MAX_CHILDREN, inclusive: true, origin: 'array' });
  for (const [i, child] of children.entries()) visit(child, [...path, kind, i], depth + 1, issues);
}
