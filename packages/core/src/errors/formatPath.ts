import type { PathSegment } from './errors.types';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * @name formatPath
 * @category Errors
 * @summary Writes an issue path the way a developer would type it.
 *
 * @param path - The path segments.
 * @returns `stages[2].entry.all[0].field`; keys that are not identifiers are quoted; the root is `(root)`.
 *
 * @example
 * formatPath(['leads', 12, 'createdAt']) //=> 'leads[12].createdAt'
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}
