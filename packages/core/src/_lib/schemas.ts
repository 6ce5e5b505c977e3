import * as z from 'zod';
import type { IssueDetail } from '../errors/errors.types';
import { checkFieldPath, UNSAFE_SEGMENTS } from './fieldPath';
import { isIsoDate, toEpochMs } from './instant';
import { isValidTimeZone } from './timezone';

/** Raises an Accord issue from inside a zod check; `fromZodIssues` unwraps it. */
export function accordIssue(ctx: z.core.$RefinementCtx, detail: IssueDetail, path?: (string | number)[]): void {
  ctx.addIssue({ code: 'custom', message: detail.code, params: { accord: detail }, ...(path ? { path } : {}) });
}

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const METRIC_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** An agreement id (stage, SLA, reason, pool…): no dots, so metric ids like `conversion.mql.sal` stay unambiguous. */
export const IdSchema = z.string().superRefine((value, ctx) => {
  if (!ID.test(value) || UNSAFE_SEGMENTS.has(value))
    accordIssue(ctx, { code: 'invalid_format', format: 'id', received: value });
});

/** A metric id: like an id, dots allowed. */
export const MetricIdSchema = z.string().superRefine((value, ctx) => {
  if (!METRIC_ID.test(value) || value.split('.').some((s) => UNSAFE_SEGMENTS.has(s)))
    accordIssue(ctx, { code: 'invalid_format', format: 'metric_id', received: value });
});

/** A record id from a CRM or an app: any non-empty string up to 256 characters. */
export const RecordIdSchema = z.string().min(1).max(256);

/** An instant: ISO-8601 with an offset, or epoch milliseconds. */
export const InstantSchema = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  if (Number.isNaN(toEpochMs(value))) accordIssue(ctx, { code: 'invalid_instant', received: String(value) });
});

/** A calendar date `YYYY-MM-DD`. */
export const IsoDateSchema = z.string().superRefine((value, ctx) => {
  if (!isIsoDate(value)) accordIssue(ctx, { code: 'invalid_format', format: 'date', received: value });
});

/** An ISO 4217 currency code. */
export const CurrencySchema = z.string().superRefine((value, ctx) => {
  if (!CURRENCY.test(value)) accordIssue(ctx, { code: 'invalid_format', format: 'currency', received: value });
});

/** An IANA time zone the runtime knows. */
export const TimeZoneSchema = z.string().superRefine((value, ctx) => {
  if (!isValidTimeZone(value)) accordIssue(ctx, { code: 'invalid_timezone', timezone: value });
});

/** A dotted field path into a record; segments that reach prototypes are refused. */
export const FieldPathSchema = z.string().superRefine((value, ctx) => {
  const problem = checkFieldPath(value);
  if (problem?.kind === 'unsafe') accordIssue(ctx, { code: 'unsafe_path', segment: problem.segment });
  else if (problem) accordIssue(ctx, { code: 'invalid_format', format: 'field_path', received: value });
});

/** Money in minor units: a whole number ≥ 0. */
export const MinorUnitsSchema = z.int().min(0);
