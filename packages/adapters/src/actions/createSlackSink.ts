import { AdapterError } from '../contract/AdapterError';
import { createCrmHttpClient } from '../crm/createCrmHttpClient';
import type { CrmHttpClient } from '../crm/crm.types';
import { checkEndpoint, checkSinkBasics, pick, type SinkHttpOptions, tryJson, wrapFetch } from './_sinkHttp';
import type { AccordAction, ActionSink, SinkRequestPreview } from './actions.types';

const ADAPTER = 'slack';
/** The `metadata.event_type` of the messages the sink posts with a token. */
export const SLACK_EVENT_TYPE = 'accord_action';

/** Where Slack messages go: an incoming webhook, or `chat.postMessage` with a bot token. */
export type SlackSinkTarget = { webhookUrl: string } | { token: string; channel: string };

/** Options of {@link createSlackSink}. */
export interface SlackSinkOptions extends SinkHttpOptions {
  /** Sink name, also the outbox adapter (default `slack`). */
  name?: string;
  /** Which actions it takes (default: `notify_owner`, `notify_manager`, `reroute`). */
  accepts?: (action: AccordAction) => boolean;
  /** Web API origin (default `https://slack.com/api/`); tests point it at a loopback server. */
  apiBaseUrl?: string;
  /**
   * Token mode: how many of the channel's latest messages are searched for the action's key before
   * posting (default 100; 0 turns the check off). Bounds the repeat-after-crash check.
   */
  historyLimit?: number;
}

const DEFAULT_KINDS = new Set(['notify_owner', 'notify_manager', 'reroute']);
// Slack's `{ ok: false, error }` codes (answered with HTTP 200) sorted by what to do about them.
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'ekm_access_denied',
  'team_access_not_granted',
]);
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * @name createSlackSink
 * @category Actions
 * @summary A sink that posts actions to Slack as Block Kit messages: an incoming webhook, or `chat.postMessage` with a bot token and a no-repeat check.
 *
 * @description
 * The message: a header (the action's title), the lead (with a button to `url`), the SLA clock (state,
 * due, breached, remaining or overdue minutes) when the action has one, the why (`body`), and a context
 * line with the kind, recipient and key. Text is escaped for mrkdwn and cut to Slack's limits.
 *
 * - `{ webhookUrl }`: POST to the incoming-webhook URL. The URL is the secret: it is masked in every
 *   error and preview (`https://hooks.slack.com/services/***`). Slack answers `ok` (text); a 4xx such as
 *   `invalid_payload`, `channel_not_found` or `no_service` is permanent (`invalid_record` /
 *   `invalid_config`), 429 (with `Retry-After`) and 5xx are retried. **Limit**: incoming webhooks have
 *   no idempotency key and no way to read the channel back, so a crash (or a lost answer) between Slack's
 *   200 and the outbox's `markDelivered` repeats the message: at-least-once.
 * - `{ token, channel }`: `chat.postMessage` (Bearer token) with the key in
 *   `metadata.event_payload.key` (`event_type: accord_action`). Slack's `200 { ok: false, error }` is a
 *   failure: `ratelimited` is retried honouring `Retry-After`, auth errors (`invalid_auth`, …) are
 *   `invalid_config`, `channel_not_found` and other request errors `invalid_record` (permanent),
 *   `internal_error`/`fatal_error` are retried. Before each post (the first and every retry) the sink
 *   reads `conversations.history` (`include_all_metadata`, the last `historyLimit` messages) and, when a
 *   message already carries the key, returns its `ts` instead of posting: a crash or timeout after
 *   Slack took the message does not repeat it. Needs `chat:write` and `channels:history` (or
 *   `groups:history`); `channel` must be a channel ID (`C…`), as `conversations.history` wants.
 *   The post itself is never retried blind: each retry goes through the history check again.
 *
 * HTTP goes through createCrmHttpClient (https only except loopback, timeouts, retries, redaction).
 *
 * @example
 * const slack = createSlackSink({ token: process.env.SLACK_BOT_TOKEN, channel: 'C0123456789' })
 * const hook = createSlackSink({ webhookUrl: process.env.SLACK_WEBHOOK_URL }, { name: 'slack-managers', accepts: (a) => a.kind === 'notify_manager' })
 */
export function createSlackSink(target: SlackSinkTarget, options: SlackSinkOptions = {}): ActionSink {
  const name = checkSinkBasics(ADAPTER, options, 'slack');
  const accepts = options.accepts ?? ((action: AccordAction) => DEFAULT_KINDS.has(action.kind));
  if (target && typeof target === 'object' && 'webhookUrl' in target)
    return webhookSink(name, accepts, target, options);
  if (target && typeof target === 'object' && 'token' in target) return tokenSink(name, accepts, target, options);
  throw new AdapterError(ADAPTER, 'invalid_config', 'createSlackSink needs { webhookUrl } or { token, channel }.');
}

function transport(options: SlackSinkOptions) {
  const out: Omit<SinkHttpOptions, 'fetch'> = {};
  for (const key of ['timeoutMs', 'retries', 'baseDelayMs', 'maxDelayMs', 'sleep', 'random', 'now'] as const)
    if (options[key] !== undefined) Object.assign(out, { [key]: options[key] });
  return out;
}

function webhookSink(
  name: string,
  accepts: (action: AccordAction) => boolean,
  target: { webhookUrl: string },
  options: SlackSinkOptions,
): ActionSink {
  const url = checkEndpoint(name, 'webhookUrl', target.webhookUrl);
  const secretPath = `${url.pathname}${url.search}`;
  if (secretPath.length < 8)
    throw new AdapterError(name, 'invalid_config', 'Option "webhookUrl" must be a full incoming-webhook URL.');
  const http = createCrmHttpClient({
    adapter: name,
    baseUrl: url.origin,
    // The path is the secret: the client masks it in every error. It is not sent as a header (stripped).
    token: secretPath,
    ...transport(options),
    fetch: wrapFetch(options.fetch, {
      stripAuthorization: true,
      rewrite: (status, text, headers) => {
        if (status >= 200 && status < 300)
          return {
            status: 200,
            body: JSON.stringify({ ok: true, text }),
            headers: { 'content-type': 'application/json' },
          };
        // Slack's webhook errors are short texts; a dead or revoked hook is a configuration problem.
        if (status === 404 || status === 410 || status === 403)
          return { status: 401, body: JSON.stringify({ ok: false, error: text.trim() }), headers: {} };
        return { status, body: text, headers: pick(headers, ['retry-after']) };
      },
    }),
  });
  const masked = `${url.origin}/services/***`;
  return {
    name,
    accepts: (action) => accepts(action),
    async deliver(action) {
      await http.request({
        method: 'POST',
        path: secretPath,
        body: slackMessage(name, action),
        idempotencyKey: action.key,
      });
      return {};
    },
    preview: (action): SinkRequestPreview => ({ method: 'POST', url: masked, body: slackMessage(name, action) }),
  };
}

function tokenSink(
  name: string,
  accepts: (action: AccordAction) => boolean,
  target: { token: string; channel: string },
  options: SlackSinkOptions,
): ActionSink {
  if (typeof target.channel !== 'string' || !/^[CGD][A-Z0-9]{2,}$/.test(target.channel))
    throw new AdapterError(name, 'invalid_config', 'Option "channel" must be a Slack channel ID (C…, G… or D…).');
  const channel = target.channel;
  const historyLimit = options.historyLimit ?? 100;
  if (!Number.isInteger(historyLimit) || historyLimit < 0 || historyLimit > 999)
    throw new AdapterError(name, 'invalid_config', 'Option "historyLimit" must be an integer from 0 to 999.');
  const base = checkEndpoint(name, 'apiBaseUrl', options.apiBaseUrl ?? 'https://slack.com/api/');
  const baseUrl = base.href.endsWith('/') ? base.href : `${base.href}/`;
  const retries = options.retries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  // The Retry-After of the last `ratelimited` post, read by the wrapped fetch (the client does not expose headers).
  let postRetryAfterMs: number | undefined;
  const slackFetch = (onRateLimit?: (ms: number | undefined) => void) =>
    wrapFetch(options.fetch, {
      stripAuthorization: false,
      rewrite: (status, text, headers) => {
        const retryAfter = headers.get('retry-after');
        if (status === 429) onRateLimit?.(retryAfterMs(retryAfter));
        if (status < 200 || status >= 300) return undefined;
        const body = tryJson(text) as { ok?: unknown; error?: unknown } | undefined;
        if (!body || typeof body !== 'object' || body.ok !== false) return undefined;
        const error = typeof body.error === 'string' ? body.error : 'unknown_error';
        const json = JSON.stringify({ ok: false, error });
        if (error === 'ratelimited' || error === 'rate_limited') {
          onRateLimit?.(retryAfterMs(retryAfter));
          const rateHeaders: Record<string, string> = retryAfter === null ? {} : { 'retry-after': retryAfter };
          return { status: 429, body: json, headers: rateHeaders };
        }
        if (AUTH_ERRORS.has(error)) return { status: 401, body: json };
        if (TRANSIENT_ERRORS.has(error)) return { status: 503, body: json };
        return { status: 400, body: json };
      },
    });
  const common = { adapter: name, baseUrl, token: target.token, ...transport(options) };
  // Reads are safe to retry inside the client; the post is not (a lost answer may hide a posted
  // message), so it gets no client retries: the sink retries it itself, after a fresh history check.
  const reader: CrmHttpClient = createCrmHttpClient({ ...common, fetch: slackFetch() });
  const poster: CrmHttpClient = createCrmHttpClient({
    ...common,
    retries: 0,
    fetch: slackFetch((ms) => {
      postRetryAfterMs = ms;
    }),
  });

  async function findPosted(key: string): Promise<string | undefined> {
    if (historyLimit === 0) return undefined;
    const page = await reader.request<{
      messages?: { ts?: string; metadata?: { event_type?: string; event_payload?: { key?: unknown } } }[];
    }>({
      method: 'GET',
      path: 'conversations.history',
      query: { channel, limit: historyLimit, include_all_metadata: true },
      badRequestCode: 'invalid_record',
    });
    const hit = (page?.messages ?? []).find(
      (message) => message?.metadata?.event_type === SLACK_EVENT_TYPE && message.metadata.event_payload?.key === key,
    );
    return hit ? (hit.ts ?? '') : undefined;
  }

  function request(action: AccordAction) {
    return {
      channel,
      ...slackMessage(name, action),
      metadata: {
        event_type: SLACK_EVENT_TYPE,
        event_payload: { key: action.key, kind: action.kind, leadId: action.leadId },
      },
      unfurl_links: false,
      unfurl_media: false,
    };
  }

  return {
    name,
    accepts: (action) => accepts(action),
    async deliver(action) {
      const body = request(action);
      for (let attempt = 1; ; attempt++) {
        const posted = await findPosted(action.key);
        if (posted !== undefined) return posted ? { externalId: posted } : {};
        postRetryAfterMs = undefined;
        try {
          const answer = await poster.request<{ ts?: string }>({ method: 'POST', path: 'chat.postMessage', body });
          return typeof answer?.ts === 'string' ? { externalId: answer.ts } : {};
        } catch (error) {
          const code = error instanceof AdapterError ? error.code : undefined;
          const retryable = code === 'rate_limited' || code === 'timeout' || code === 'unavailable';
          if (!retryable || attempt > retries) throw error;
          const wait =
            postRetryAfterMs ?? Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
          if (wait > maxDelayMs) throw error;
          await sleep(wait);
        }
      }
    },
    preview: (action): SinkRequestPreview => ({
      method: 'POST',
      url: `${baseUrl}chat.postMessage`,
      body: request(action),
    }),
  };
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d+(\.\d+)?$/.test(header.trim())) return undefined;
  return Math.ceil(Number(header.trim()) * 1000);
}

/** The Block Kit message for an action (`text` is the notification fallback). */
export function slackMessage(sink: string, action: AccordAction): { text: string; blocks: unknown[] } {
  if (!action || typeof action.key !== 'string' || action.key === '')
    throw new AdapterError(sink, 'invalid_record', 'Action: missing "key".');
  if (typeof action.title !== 'string' || action.title.trim() === '')
    throw new AdapterError(sink, 'invalid_record', `Action ${action.key}: missing "title".`);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(action.title, 150), emoji: true } },
  ];
  const lead: Record<string, unknown> = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: cut(
        `*Lead:* ${escapeMrkdwn(action.leadId)}${action.to ? `\n*For:* ${escapeMrkdwn(action.to)}` : ''}`,
        3000,
      ),
    },
  };
  if (action.url)
    lead.accessory = {
      type: 'button',
      text: { type: 'plain_text', text: 'Open lead', emoji: true },
      url: cut(action.url, 3000),
      action_id: 'accord_open_lead',
    };
  blocks.push(lead);
  if (action.sla) {
    const sla = action.sla;
    const remaining = Math.round(sla.remainingMinutes);
    blocks.push({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: cut(`*SLA:* ${escapeMrkdwn(sla.label)}`, 2000) },
        { type: 'mrkdwn', text: `*State:* ${escapeMrkdwn(sla.state)}` },
        { type: 'mrkdwn', text: `*Due:* ${when(sla.dueAt)}` },
        { type: 'mrkdwn', text: `*Breached:* ${when(sla.breachedAt)}` },
        {
          type: 'mrkdwn',
          text: remaining < 0 ? `*Overdue:* ${-remaining} min` : `*Remaining:* ${remaining} min`,
        },
      ],
    });
  }
  if (action.body)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(escapeMrkdwn(action.body), 3000) } });
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: cut(`${escapeMrkdwn(action.kind)} · key \`${escapeMrkdwn(action.key)}\``, 3000) },
    ],
  });
  return { text: cut(action.title, 3000), blocks };
}

/** An instant as Slack's localised date (with an ISO fallback), or a dash. */
function when(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `<!date^${Math.floor(ms / 1000)}^{date_short} {time}|${iso}>`;
}

function escapeMrkdwn(text: string): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
