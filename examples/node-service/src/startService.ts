import type { AddressInfo } from 'node:net';
import type { AccountDirectory, Agreement } from '@accord/core';
import { serve } from '@hono/node-server';
import { createApp } from './createApp';
import { type LeadStore, openLeadStore } from './leadStore';

/** Options for {@link startService}. */
export interface StartServiceOptions {
  /** The DuckDB file (created when missing), or `:memory:`. */
  dbPath: string;
  agreement: Agreement;
  accounts?: AccountDirectory;
  /** The port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The service's clock, epoch ms (default `Date.now`). */
  now?: () => number;
}

/** A running service. */
export interface RunningService {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  store: LeadStore;
  /** Stops accepting connections, waits for the open requests, then closes the database. */
  close(): Promise<void>;
}

/**
 * @name startService
 * @summary Opens the store and serves the API on 127.0.0.1 (Hono on @hono/node-server).
 *
 * @example
 * const service = await startService({ dbPath: 'leads.duckdb', agreement: defaultAgreement, port: 8787 })
 * await fetch(`${service.url}/webhooks/leads`, { method: 'POST', body: JSON.stringify(lead) })
 * await service.close()
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const store = await openLeadStore({
    path: options.dbPath,
    agreement: options.agreement,
    ...(options.accounts ? { accounts: options.accounts } : {}),
  });
  const app = createApp({ store, agreement: options.agreement, ...(options.now ? { now: options.now } : {}) });
  let server: ReturnType<typeof serve> | undefined;
  const info = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, resolve);
    server.once('error', reject);
  }).catch(async (error) => {
    await store.close();
    throw error;
  });
  return {
    url: `http://127.0.0.1:${info.port}`,
    port: info.port,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        (server as { closeIdleConnections?: () => void } | undefined)?.closeIdleConnections?.();
      });
      await store.close();
    },
  };
}
