import type { CrmHttpClient } from '../crm/crm.types';

/**
 * What an action asks for. Escalations (`notify_owner`, `notify_manager`, `reroute`) come from SLA
 * clocks; the rest from disposition reasons (`nurture`, `enrich`, `reroute`, `suppress`, `recycle`,
 * `disqualify`) or the host (`create_task`).
 */
export type ActionKind =
  | 'notify_owner'
  | 'notify_manager'
  | 'create_task'
  | 'reroute'
  | 'enrich'
  | 'suppress'
  | 'recycle'
  | 'nurture'
  | 'disqualify';

/** One action the core decided on, ready for a sink. Plain JSON (it is stored in the outbox). */
export interface AccordAction {
  /**
   * Stable idempotency key: the same decision always has the same key (e.g.
   * `sla:<leadId>:<slaId>:<cycle>:<step>` for an escalation step, `disposition:<leadId>:<at>:<type>`).
   * Sinks must not apply one key twice (find-or-create by key, or the service's idempotency header).
   */
  key: string;
  kind: ActionKind;
  leadId: string;
  /** Who it is for: a user id, a manager, or a queue. */
  to?: string;
  /** A one-line summary (`Breached: first touch within 1 business hour for L0000123`). */
  title: string;
  /** Longer text (the why: reason, detail, SLA figures). */
  body?: string;
  /** When a task is due (epoch ms). */
  dueAt?: number;
  /** A link to the lead in the host app (https). */
  url?: string;
  /** The SLA clock behind an escalation. */
  sla?: {
    slaId: string;
    label: string;
    state: string;
    dueAt: number | null;
    breachedAt: number | null;
    remainingMinutes: number;
  };
  /** Kind-specific data (e.g. `fields` for enrich, `recycleAt` for recycle, `queue` for reroute). */
  payload?: Record<string, unknown>;
}

/** What a sink would send, for dry runs and logs: secrets are redacted. */
export interface SinkRequestPreview {
  method: string;
  /** The URL with secrets (webhook paths, tokens) redacted. */
  url: string;
  body: unknown;
}

/** Where actions go: Slack, a CRM's tasks, Asana, a signed webhook… Each is a small object. */
export interface ActionSink {
  /** A stable name, also the outbox `adapter` of its messages (`slack`, `hubspot-tasks`, …). */
  readonly name: string;
  /** Whether this sink takes the action (by kind, recipient…). */
  accepts(action: AccordAction): boolean;
  /**
   * Delivers once; resolves only when the service accepted it. Idempotent under `action.key`. Throws an
   * `AdapterError` (see ../contract) — `invalid_record` / `invalid_config` are permanent, `rate_limited`,
   * `timeout`, `unavailable` are retried by the outbox.
   */
  deliver(action: AccordAction): Promise<{ externalId?: string }>;
  /** The request `deliver` would make, secrets redacted (for dry runs). */
  preview(action: AccordAction): SinkRequestPreview;
}

/** A sink's HTTP access: the shared CRM client (https only except loopback, retries, redaction). */
export type SinkHttp = CrmHttpClient;
