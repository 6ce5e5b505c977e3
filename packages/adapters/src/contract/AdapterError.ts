import type { AccordIssue } from '@accord/core';
import type { AdapterErrorCode } from './adapter.types';

/**
 * @name AdapterError
 * @category Adapters
 * @summary A failed adapter call: which adapter, a stable code, a readable message, and the cause.
 *
 * @description
 * Messages never contain credentials or record values; `issues` (for `invalid_record`) name the
 * record and field. Check `error.code`, not the message.
 *
 * @example
 * try { await adapter.listLeads({ cursor: 'nope' }) } catch (e) { if (e instanceof AdapterError && e.code === 'invalid_cursor') … }
 */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly adapter: string;
  readonly code: AdapterErrorCode;
  readonly issues: readonly AccordIssue[];

  constructor(
    adapter: string,
    code: AdapterErrorCode,
    message: string,
    options: { cause?: unknown; issues?: readonly AccordIssue[] } = {},
  ) {
    super(`${adapter}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.adapter = adapter;
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
