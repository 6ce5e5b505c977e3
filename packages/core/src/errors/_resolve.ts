import { baseMessage } from './_baseMessages';
import type { AccordIssue, ErrorMap, RawIssue } from './errors.types';

const maps: { global?: ErrorMap; defaults?: ErrorMap } = {};

/** Sets the global override (see `setErrorMap`). */
export function setGlobalErrorMap(map: ErrorMap | undefined): void {
  maps.global = map;
}

/** Registers the full default catalog; `errorMap.ts` calls it when it loads. */
export function registerDefaultErrorMap(map: ErrorMap): void {
  maps.defaults = map;
}

/**
 * Resolves a message: per-call map, global map, then the defaults (`defaults` when given,
 * else the registered catalog, else the generic and calendar messages).
 */
export function messageOf(issue: RawIssue, local?: ErrorMap, defaults?: ErrorMap): string {
  return (
    local?.(issue) ??
    maps.global?.(issue) ??
    (defaults ?? maps.defaults)?.(issue) ??
    baseMessage(issue) ??
    `Invalid input (${issue.code}).`
  );
}

/** Gives raw issues their messages. */
export function finalizeIssues(
  issues: readonly RawIssue[],
  errorMap?: ErrorMap,
  defaults?: ErrorMap,
): readonly AccordIssue[] {
  return issues.map((issue) => ({ ...issue, message: messageOf(issue, errorMap, defaults) }) as AccordIssue);
}
