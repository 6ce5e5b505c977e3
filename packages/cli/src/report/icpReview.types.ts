import type { AccordIssue, IcpReview } from '@accord/core';

/** A data issue found by the review, with the id of the record it is about (when the record has one). */
export type IcpReviewIssue = AccordIssue & { recordId?: string };

/** Everything the ICP review report (Markdown, HTML, terminal) shows. */
export interface IcpReviewReport {
  /** The review from `reviewIcp`; its issues are replaced by {@link IcpReviewReport.issues}. */
  review: IcpReview;
  agreement: { name?: string; version: string; timezone: string };
  /** Groups smaller than this are shown but marked as too small to read. */
  minGroupSize: number;
  /** The instant fit scores were computed at (ISO). */
  scoredAt: string;
  /** How many records were read, by kind (`opportunities` absent: no deals were given). */
  counts: { leads: number; opportunities?: number };
  /** The input's issues, with paths as rows of the files and the records' ids. */
  issues: readonly IcpReviewIssue[];
}
