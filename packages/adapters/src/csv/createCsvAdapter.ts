import type { AccordIssue } from '@accord/core';
import { AdapterError } from '../contract/AdapterError';
import type { AdapterCapabilities, ListKind, RevenueAdapter } from '../contract/adapter.types';
import { createMemoryAdapter } from '../memory/createMemoryAdapter';
import { parseCanonicalCsv } from './parseCanonicalCsv';

/** Options for {@link createCsvAdapter}. */
export interface CsvAdapterOptions {
  /** Canonical CSV per record kind: the text or the file's bytes (UTF-8, BOM allowed). */
  sources: Partial<Record<ListKind, string | Uint8Array>>;
  /** File names, for messages (default `<kind>.csv`). */
  fileNames?: Partial<Record<ListKind, string>>;
  /** Time zone of instants written without an offset (the agreement's). Default `UTC`. */
  timezone?: string;
  /** The agreement's stage ids; other `stage.<id>` columns are problems. */
  stageIds?: readonly string[];
  /** Adapter name in errors (default `csv`). */
  name?: string;
}

const KINDS: readonly ListKind[] = ['leads', 'activities', 'touchpoints', 'opportunities', 'spend'];

/**
 * @name createCsvAdapter
 * @category Adapters
 * @summary Canonical CSV exports as a read-only adapter: every problem named by file, line and field.
 *
 * @description
 * Parses each source with {@link parseCanonicalCsv} (a real CSV parser: quotes, CRLF, BOM) and refuses
 * to start when any row has a problem — an `invalid_record` AdapterError whose issues name the row and
 * field, and whose message names the file. Kinds without a source are declared unsupported; CSV files
 * cannot be written, and the scorecard runs in memory, so those capabilities are declared false.
 *
 * @example
 * const adapter = createCsvAdapter({ sources: { leads: readFileSync('leads.csv') }, timezone: 'America/New_York' })
 */
export function createCsvAdapter(options: CsvAdapterOptions): RevenueAdapter {
  const name = options.name ?? 'csv';
  if (typeof options.sources !== 'object' || options.sources === null)
    throw new AdapterError(name, 'invalid_config', 'sources must map record kinds to CSV text or bytes');
  const records: Partial<Record<ListKind, unknown[]>> = {};
  const problems: AccordIssue[] = [];
  const files: string[] = [];
  for (const kind of KINDS) {
    const source = options.sources[kind];
    if (source === undefined) continue;
    if (typeof source !== 'string' && !(source instanceof Uint8Array))
      throw new AdapterError(name, 'invalid_config', `sources.${kind} must be CSV text or bytes`);
    const parsed = parseCanonicalCsv(kind, source, {
      ...(options.timezone ? { timezone: options.timezone } : {}),
      ...(options.stageIds ? { stageIds: options.stageIds } : {}),
    });
    if (parsed.issues.length > 0) {
      problems.push(...parsed.issues);
      files.push(`${options.fileNames?.[kind] ?? `${kind}.csv`} (${parsed.issues.length})`);
    }
    records[kind] = parsed.records;
  }
  if (problems.length > 0)
    throw new AdapterError(name, 'invalid_record', `problems in ${files.join(', ')}`, { issues: problems });
  const memory = createMemoryAdapter(records, { name });
  const lists = Object.fromEntries(KINDS.map((k) => [k, options.sources[k] !== undefined])) as Record<
    ListKind,
    boolean
  >;
  const capabilities: AdapterCapabilities = {
    lists,
    updatedSince: true,
    writeDisposition: false,
    assignOwner: false,
    runScorecard: false,
  };
  const guard = <T>(kind: ListKind, f: T): T =>
    ((...args: unknown[]) => {
      if (!lists[kind]) return Promise.reject(new AdapterError(name, 'not_supported', `no ${kind} source was given`));
      return (f as (...a: unknown[]) => unknown)(...args);
    }) as T;
  return {
    name,
    capabilities,
    listLeads: guard('leads', memory.listLeads),
    listActivities: guard('activities', memory.listActivities),
    listTouchpoints: guard('touchpoints', memory.listTouchpoints),
    listOpportunities: guard('opportunities', memory.listOpportunities),
    listSpend: guard('spend', memory.listSpend),
  };
}
