import type { PathSegment } from '../errors/errors.types';

/** One difference between two agreement versions. */
export interface AgreementChange {
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  /** The top-level section: `stages`, `slas`, `targets`, `icp`… */
  area: string;
  /** Where, in the newer agreement (the older one for removals). */
  path: readonly PathSegment[];
  /** The change in words: `Stage "MQL": entry criteria changed from attributes.employees ≥ 50 to attributes.employees ≥ 20.` */
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** The result of {@link diffAgreements}. */
export interface AgreementDiff {
  from: { id: string; version: string; effectiveFrom: string | undefined };
  to: { id: string; version: string; effectiveFrom: string | undefined };
  /** In the agreement's section order, then by path. Empty when the definitions are the same. */
  changes: AgreementChange[];
}
