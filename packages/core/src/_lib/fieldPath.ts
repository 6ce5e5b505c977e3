/** Segments that could reach an object's prototype; rejected in every field path. */
export const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

const MAX_PATH_LENGTH = 256;
const cache = new Map<string, readonly string[]>();

/** The problem with a field path, or `undefined` when it is a safe dotted path. */
export type FieldPathProblem = { kind: 'format' } | { kind: 'unsafe'; segment: string };

/** Checks a dotted field path such as `attributes.employees` or `stageDates.mql`. */
export function checkFieldPath(path: string): FieldPathProblem | undefined {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return { kind: 'format' };
  for (const segment of path.split('.')) {
    if (segment.length === 0) return { kind: 'format' };
    if (UNSAFE_SEGMENTS.has(segment)) return { kind: 'unsafe', segment };
  }
  return undefined;
}

/** Splits a field path once and remembers it. The path must already have passed {@link checkFieldPath}. */
export function splitFieldPath(path: string): readonly string[] {
  let segments = cache.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (cache.size > 10_000) cache.clear();
    cache.set(path, segments);
  }
  return segments;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Reads a value by path segments, following only own properties (never the prototype chain), so a
 * path can never observe `Object.prototype`. Missing steps give `undefined`.
 */
export function readPath(record: unknown, segments: readonly string[]): unknown {
  let current: unknown = record;
  for (let i = 0; i < segments.length; i++) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = segments[i] as string;
    if (!hasOwn.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
