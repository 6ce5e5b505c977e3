import {
  AccordError,
  type AccordIssue,
  type Agreement,
  computeSlaQueue,
  type Grain,
  type PathSegment,
  validateRecords,
} from '@accord/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { LeadStore } from './leadStore';

/** A problem with a request, as the core reports problems: a code, the path to the field, a message. */
export interface ServiceIssue {
  code: string;
  path: readonly PathSegment[];
  message: string;
  /** The id of the record the issue is about, when the record has one. */
  recordId?: string;
  [detail: string]: unknown;
}

/** Options for {@link createApp}. */
export interface AppOptions {
  store: LeadStore;
  agreement: Agreement;
  /** The service's clock, epoch ms (default `Date.now`): routing, clocks, the queue and the scorecard use it. */
  now?: () => number;
  /** Largest request body, bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Most leads in one webhook (default 1,000). */
  maxBatch?: number;
}

const GRAINS: readonly Grain[] = ['week', 'month', 'quarter', 'year'];

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; issue: ServiceIssue } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(detail);
    const { line, column } = lineColumn(text, at ? Number(at[1]) : text.length);
    return {
      ok: false,
      issue: { code: 'invalid_json', path: [], line, column, detail, message: `The body is not JSON: ${detail}` },
    };
  }
}

/** The issue with the id of the record it names (`leads[3]…` → the fourth row's id). */
function withRecordId(issue: AccordIssue, rows: readonly unknown[]): ServiceIssue {
  const index = issue.path[0] === 'leads' ? issue.path[1] : undefined;
  const row = typeof index === 'number' ? rows[index] : undefined;
  const id = row && typeof row === 'object' ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { ...issue, recordId: id } : { ...issue };
}

const problem = (error: string, issues: readonly ServiceIssue[]) => ({ error, issues });

/**
 * @name createApp
 * @summary The HTTP API (Hono): the new-lead webhook, the scorecard, the SLA queue and a health check.
 *
 * @description
 * `POST /webhooks/leads` takes one canonical lead or an array of them. Bad input is rejected whole
 * with 422 and the core's coded issues (`leads[0].createdAt`, with the record's id); nothing of it is
 * stored. Accepted leads are routed, checked against the lead standard, their SLA clocks started, and
 * stored durably before the response: 202 with every decision, or 200 when every lead was already
 * stored (a retried webhook gets the stored decisions back, marked `duplicate`). The same id with
 * different content is a 409.
 */
export function createApp(options: AppOptions): Hono {
  const { store, agreement } = options;
  const now = options.now ?? Date.now;
  const maxBatch = options.maxBatch ?? 1000;
  const app = new Hono();

  app.post(
    '/webhooks/leads',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) =>
        c.json(
          problem('too_large', [
            {
              code: 'too_large',
              path: [],
              maxBytes: options.maxBodyBytes ?? 1024 * 1024,
              message: 'The body is larger than the service accepts.',
            },
          ]),
          413,
        ),
    }),
    async (c) => {
      const parsed = parseJson(await c.req.text());
      if (!parsed.ok) return c.json(problem('invalid_json', [parsed.issue]), 400);
      const body = parsed.value;
      if (body === null || typeof body !== 'object')
        return c.json(
          problem('invalid_leads', [
            {
              code: 'invalid_type',
              path: [],
              expected: 'object',
              received: body === null ? 'null' : typeof body,
              message: 'Expected a lead object or an array of leads.',
            },
          ]),
          422,
        );
      const rows: unknown[] = Array.isArray(body) ? body : [body];
      if (rows.length === 0 || rows.length > maxBatch)
        return c.json(
          problem('invalid_leads', [
            {
              code: rows.length === 0 ? 'too_small' : 'too_big',
              path: ['leads'],
              ...(rows.length === 0 ? { minimum: 1 } : { maximum: maxBatch }),
              message: `A webhook carries 1 to ${maxBatch} leads; this one has ${rows.length}.`,
            },
          ]),
          422,
        );
      const checked = validateRecords('leads', rows);
      if (checked.issues.length > 0)
        return c.json(
          problem(
            'invalid_leads',
            checked.issues.map((issue) => withRecordId(issue, rows)),
          ),
          422,
        );
      const result = await store.submit(checked.records, now());
      if (!result.ok)
        return c.json(
          problem(
            'id_conflict',
            result.conflicts.map(({ index, leadId }) => ({
              code: 'id_conflict',
              path: ['leads', index, 'id'],
              recordId: leadId,
              message: `Lead ${leadId} is already stored with other content; a retry must repeat the same lead.`,
            })),
          ),
          409,
        );
      const accepted = result.decisions.filter((d) => d.status === 'accepted').length;
      return c.json(
        { accepted, duplicates: result.decisions.length - accepted, decisions: result.decisions },
        accepted > 0 ? 202 : 200,
      );
    },
  );

  app.get('/scorecard', async (c) => {
    const groupBy = (c.req.query('groupBy') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const period = c.req.query('period');
    const grain = c.req.query('grain');
    if (grain !== undefined && !GRAINS.includes(grain as Grain))
      return c.json(
        problem('invalid_query', [
          {
            code: 'invalid_value',
            path: ['grain'],
            expected: GRAINS,
            message: `grain must be one of ${GRAINS.join(', ')}.`,
          },
        ]),
        422,
      );
    try {
      const card = await store.runScorecard({
        asOf: now(),
        groupBy,
        ...(period ? { period } : {}),
        ...(grain ? { grain: grain as Grain } : {}),
      });
      return c.json(card);
    } catch (error) {
      if (error instanceof AccordError) return c.json(problem('invalid_query', error.issues as ServiceIssue[]), 422);
      throw error;
    }
  });

  app.get('/sla-queue', async (c) => {
    const raw = c.req.query('limit') ?? '50';
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      return c.json(
        problem('invalid_query', [
          {
            code: 'invalid_argument',
            path: ['limit'],
            detail: raw,
            message: 'limit must be an integer from 1 to 1000.',
          },
        ]),
        422,
      );
    const queue = computeSlaQueue(await store.leads(), [], agreement, { now: now() });
    return c.json({
      asOf: new Date(queue.asOf).toISOString(),
      total: queue.entries.length,
      entries: queue.entries.slice(0, limit).map((e) => ({
        leadId: e.leadId,
        slaId: e.slaId,
        label: e.label,
        side: e.side,
        owner: e.lead.ownerId ?? null,
        startedAt: new Date(e.startedAt).toISOString(),
        warningAt: e.warningAt === null ? null : new Date(e.warningAt).toISOString(),
        dueAt: new Date(e.dueAt).toISOString(),
        remainingMinutes: e.remainingMinutes,
        paused: e.paused,
      })),
    });
  });

  app.get('/healthz', async (c) => {
    const { seq } = await store.routingState();
    return c.json({ ok: true, leads: await store.count(), routingSeq: seq });
  });

  app.onError((error, c) => {
    console.error(error);
    return c.json(
      problem('internal', [{ code: 'internal', path: [], message: 'The service could not do that.' }]),
      500,
    );
  });

  return app;
}
