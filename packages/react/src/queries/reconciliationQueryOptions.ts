import { type Agreement, type Instant, type MarketingClaim, type Reconciliation, reconcile } from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** Parameters of {@link reconciliationQueryOptions}. */
export interface ReconciliationQueryParams {
  /** The agreement: its currency, attribution model and window, and stage definitions. */
  agreement: Agreement;
  /**
   * What Marketing reports (a dashboard or BI export the host loads: claims are not CRM records).
   * Keep the array stable: the query is keyed on its identity, not on its content.
   */
  claims: readonly MarketingClaim[];
  /** Only deals created in [from, to). Default: every deal. */
  from?: Instant;
  to?: Instant;
  /** Minor units of the agreement currency per minor unit of another (`{ EUR: 1.08 }`). */
  rates?: Readonly<Record<string, number>>;
}

// Claims are keyed by identity: hashing thousands of claims into the query key on every render would
// cost more than the reconciliation itself. A new array (even with the same content) is a new query.
const claimIds = new WeakMap<readonly MarketingClaim[], number>();
let nextClaimsId = 1;

function claimsKey(claims: readonly MarketingClaim[]): string {
  let id = claimIds.get(claims);
  if (id === undefined) {
    id = nextClaimsId++;
    claimIds.set(claims, id);
  }
  return `claims#${id}:${claims.length}`;
}

/** An instant as it appears in the query key (epoch ms and ISO strings for the same moment share a key). */
function instantKey(instant: Instant | undefined): number | string | null {
  if (instant === undefined) return null;
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return Number.isNaN(ms) ? String(instant) : ms;
}

/**
 * @name reconciliationQueryOptions
 * @category Queries
 * @summary Query options lining up Marketing's claims with the CRM: claimed, matched and every delta, claim by claim.
 *
 * @description
 * Loads the adapter's records through the shared records query (`ensureQueryData`) and runs
 * `reconcile({ marketingClaims, opportunities, leads, touchpoints }, agreement, { from, to, rates })`
 * from `@accord/core`. The result keeps the core's coded issues (claims naming unknown opportunities,
 * currency mismatches, bad amounts…) for the view to summarise; bad options reject with the core's
 * `AccordError`. The claims are Marketing's data, passed by the host, and are keyed by the array's
 * identity (memoise it). Cached under `accordKeys.view(adapter, 'reconciliation', agreement, { claims,
 * from, to, rates })`.
 *
 * @param adapter - Any Accord adapter listing opportunities, leads and (for the window check) touchpoints.
 * @param params - `agreement`, `claims`, and optionally `from`, `to`, `rates`.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * const result = await queryClient.fetchQuery(reconciliationQueryOptions(adapter, { agreement, claims, rates: { EUR: 1.08 } }));
 * result.totals //=> { claimed: 1250000, matched: 980000, deltas: { unmatched_opportunity: 120000, … }, claims: 42 }
 */
export function reconciliationQueryOptions(adapter: AccordAdapter, params: ReconciliationQueryParams) {
  const { agreement, claims, from, to, rates } = params;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'reconciliation', agreement, {
      claims: claimsKey(claims),
      from: instantKey(from),
      to: instantKey(to),
      rates: rates === undefined ? null : { ...rates },
    }),
    queryFn: async ({ client, signal }): Promise<Reconciliation> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      return reconcile(
        {
          marketingClaims: claims,
          opportunities: records.opportunities,
          leads: records.leads,
          touchpoints: records.touchpoints,
        },
        agreement,
        {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          ...(rates === undefined ? {} : { rates }),
        },
      );
    },
  });
}
