import { toEpochMs } from '../_lib/instant';
import type { Agreement } from '../agreement/agreement.types';
import type { Instant } from '../records/records.types';
import { effectiveInstant } from './parseAgreementHistory';

/**
 * @name agreementInForce
 * @category Governance
 * @summary The version of an agreement in force at an instant.
 *
 * @description
 * A version is in force from midnight of its `effectiveFrom` date in its own time zone until the next
 * version takes effect. Before the first version nothing is in force (`undefined`): a record from
 * then is not silently judged by a later definition. Pass the versions from
 * {@link parseAgreementHistory} (sorted, no overlaps).
 *
 * @param versions - The versions, oldest first.
 * @param at - The instant (a record's time: a lead's `createdAt`, an opportunity's `closedAt`).
 * @returns The version in force, or `undefined`.
 * @throws {Error} When `at` is not a valid instant.
 *
 * @example
 * agreementInForce(versions, '2026-07-01T03:59:00Z')?.version //=> '2026.1' (still June 30 in New York)
 */
export function agreementInForce<A extends Agreement>(versions: readonly A[], at: Instant | Date): A | undefined {
  const ms = at instanceof Date ? at.getTime() : toEpochMs(at);
  if (Number.isNaN(ms)) throw new Error(`[accord] agreementInForce: not a valid instant: ${String(at)}`);
  let found: A | undefined;
  for (const v of versions) {
    if (effectiveInstant(v) <= ms) found = v;
    else break;
  }
  return found;
}
