import { fromZodIssues } from '../_lib/fromZodIssues';
import { AccordError } from '../errors/AccordError';
import { finalizeIssues } from '../errors/errorMap';
import type { AccordIssue, ParseOptions, RawIssue } from '../errors/errors.types';
import { MarketingClaimSchema } from './reconcile.schemas';
import type { MarketingClaim, RefusedClaim } from './reconcile.types';

/** Options for {@link parseMarketingClaims}. */
export interface ParseMarketingClaimsOptions extends ParseOptions {
  /**
   * `'strict'` throws an {@link AccordError} when any claim is refused; `'lenient'` (default) keeps
   * the valid claims and lists every refused one. Nothing is dropped silently.
   */
  mode?: 'strict' | 'lenient';
}

/** The outcome of {@link parseMarketingClaims}. */
export interface ParseMarketingClaimsResult {
  /** The valid claims, in input order. */
  claims: MarketingClaim[];
  /** The input position of each valid claim (`claims[k]` was `rows[positions[k]]`). */
  positions: number[];
  /** The claims left out, each with the fields that failed. */
  refused: RefusedClaim[];
  /** Every problem, at `['marketingClaims', index, field]`. */
  issues: readonly AccordIssue[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * @name parseMarketingClaims
 * @category Reconciliation
 * @summary Validates Marketing's claims at the boundary (a BI export, a spreadsheet, a dashboard API).
 *
 * @description
 * Checks each row against {@link MarketingClaimSchema}. A row that fails is refused — counted in no
 * total — and listed in `refused` with the fields that failed; its issues name the row and the field
 * (`['marketingClaims', 12, 'amount']`: a negative or fractional amount is refused, never rounded or
 * clamped). Duplicate claim ids are not a schema matter: {@link reconcile} reports them and still
 * classifies both claims. {@link reconcile} runs this itself; call it to check a file before.
 *
 * @param rows - Untrusted claim rows.
 * @param options - {@link ParseMarketingClaimsOptions}: `mode`, `errorMap`.
 * @returns The valid claims with their input positions, the refused ones and the issues.
 * @throws {AccordError} In strict mode, when any row is refused.
 *
 * @example
 * const { claims, refused } = parseMarketingClaims([
 *   { id: 'c1', opportunityId: 'O1', kind: 'sourced', amount: 120000, currency: 'USD' },
 *   { id: 'c2', opportunityId: 'O2', kind: 'sourced', amount: -5, currency: 'USD' },
 * ])
 * claims.length //=> 1
 * refused //=> [{ index: 1, claimId: 'c2', opportunityId: 'O2', fields: ['amount'] }]
 */
export function parseMarketingClaims(
  rows: readonly unknown[],
  options: ParseMarketingClaimsOptions = {},
): ParseMarketingClaimsResult {
  const claims: MarketingClaim[] = [];
  const positions: number[] = [];
  const refused: RefusedClaim[] = [];
  const raw: RawIssue[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const parsed = MarketingClaimSchema.safeParse(row, { reportInput: true });
    if (parsed.success) {
      claims.push(parsed.data);
      positions.push(i);
      continue;
    }
    const found = fromZodIssues(parsed.error.issues, ['marketingClaims', i]);
    raw.push(...found);
    const fields = [...new Set(found.map((issue) => issue.path[2]).filter((f): f is string => typeof f === 'string'))];
    const record = row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : {};
    refused.push({ index: i, claimId: text(record.id), opportunityId: text(record.opportunityId), fields });
  }
  const issues = finalizeIssues(raw, options.errorMap);
  if (options.mode === 'strict' && issues.length > 0) throw new AccordError(issues);
  return { claims, positions, refused, issues };
}
