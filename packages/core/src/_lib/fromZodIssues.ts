import type * as z from 'zod';
import type { IssueFormat, PathSegment, RawIssue } from '../errors/errors.types';
import { describeType } from './describeType';

type ZodIssue = z.core.$ZodIssue;

const toPath = (base: readonly PathSegment[], path: readonly PropertyKey[]): PathSegment[] => [
  ...base,
  ...path.map((p) => (typeof p === 'number' ? p : String(p))),
];

const origin = (o: string): 'number' | 'string' | 'array' =>
  o === 'string' ? 'string' : o === 'array' || o === 'set' ? 'array' : 'number';

/** Picks the branch of a failed union that got furthest, so the issue names the real problem. */
function bestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] {
  let best: readonly ZodIssue[] = branches[0] ?? [];
  let bestDepth = -1;
  for (const branch of branches) {
    const depth = Math.max(...branch.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
    if (depth > bestDepth || (depth === bestDepth && branch.length < best.length)) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}

/**
 * Translates zod issues into Accord's raw issues (codes, paths, fields), without messages.
 * Custom checks carry their Accord issue in `params.accord`.
 */
export function fromZodIssues(issues: readonly ZodIssue[], base: readonly PathSegment[] = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = toPath(base, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        if (issue.expected === 'int' && typeof issue.input === 'number') out.push({ code: 'not_integer', path });
        else
          out.push({
            code: 'invalid_type',
            path,
            expected: issue.expected === 'int' ? 'integer' : issue.expected,
            received: describeType(issue.input),
          });
        break;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1)
          out.push({ code: 'invalid_type', path, expected: 'non-empty string', received: 'empty string' });
        else
          out.push({
            code: 'too_small',
            path,
            minimum: Number(issue.minimum),
            inclusive: issue.inclusive ?? true,
            origin: origin(issue.origin),
          });
        break;
      case 'too_big':
        out.push({
          code: 'too_big',
          path,
          maximum: Number(issue.maximum),
          inclusive: issue.inclusive ?? true,
          origin: origin(issue.origin),
        });
        break;
      case 'unrecognized_keys':
        out.push({ code: 'unrecognized_keys', path, keys: issue.keys });
        break;
      case 'invalid_value':
        out.push({
          code: 'invalid_value',
          path,
          expected: issue.values.map((v) => (typeof v === 'bigint' ? Number(v) : (v ?? null))) as (
            | string
            | number
            | boolean
            | null
          )[],
        });
        break;
      case 'invalid_union': {
        if (issue.errors.length === 0 || issue.discriminator !== undefined) {
          out.push({
            code: 'invalid_value',
            path:
              issue.discriminator && path[path.length - 1] !== issue.discriminator
                ? [...path, issue.discriminator]
                : path,
            expected: ('options' in issue ? (issue.options ?? []) : []).map((v: unknown) =>
              typeof v === 'bigint' ? Number(v) : (v ?? null),
            ) as (string | number | boolean | null)[],
          });
          break;
        }
        // All branches failed on the type of the same value: one issue listing every accepted type.
        const allTypes = issue.errors.every(
          (b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0,
        );
        if (allTypes) {
          out.push({
            code: 'invalid_type',
            path,
            expected: issue.errors.map((b) => (b[0] as { expected: string }).expected).join(' or '),
            received: describeType(issue.input),
          });
        } else out.push(...fromZodIssues(bestBranch(issue.errors), path));
        break;
      }
      case 'invalid_key':
      case 'invalid_element':
        out.push(...fromZodIssues(issue.issues, path));
        break;
      case 'invalid_format':
        out.push({ code: 'invalid_format', path, format: 'id' as IssueFormat });
        break;
      case 'custom': {
        const accord = issue.params?.accord as Omit<RawIssue, 'path'> | undefined;
        if (accord) out.push({ ...accord, path } as RawIssue);
        else out.push({ code: 'invalid_argument', path, detail: issue.message });
        break;
      }
      default:
        out.push({ code: 'invalid_argument', path, detail: issue.message });
    }
  }
  return out;
}
