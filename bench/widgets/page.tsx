// The widget benchmark page: Accord's SlaQueue and Scorecard against plain React renderings of the
// same visible output, in one Chromium page, timed with performance.now() around a synchronous
// render + commit + layout. widgets.bench.mjs bundles (production React), serves and drives it.
import './zodJitless';
import {
  type Agreement,
  defaultAgreement,
  generateSample,
  type Lead,
  type ScorecardResult,
  type SlaQueueEntry,
} from '@accord/core';
import { type AccordAdapter, AccordProvider, createManualClock, Scorecard, SlaQueue } from '@accord/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactElement, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '@accord/react/styles.css';
// @ts-expect-error: a plain .mjs helper of the benchmarks, without types.
import { prng } from '../_lib/syntheticLeads.mjs';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-11T15:30:00Z'); // a Wednesday, inside US business hours
const OWNERS = ['rep_ava', 'rep_ben', 'rep_chloe', 'rep_dara', 'rep_emil', 'rep_farah'];
const SOURCES = ['paid_search', 'organic_search', 'social', 'email', 'events', 'referral', 'partner', 'webinar'];

/** `n` MQLs from the last three days with no sales touch yet: every one has open SLA clocks. */
function openMqls(n: number): Lead[] {
  const r = prng(7);
  return Array.from({ length: n }, (_, i) => {
    const created = NOW - Math.floor(r() * 72 * HOUR);
    const mql = created + Math.floor(r() * 2 * HOUR);
    return {
      id: `L${i}`,
      createdAt: created,
      company: `Company ${i} ${SOURCES[i % SOURCES.length]}`,
      email: `buyer${i}@company${i}.example`,
      source: SOURCES[Math.floor(r() * SOURCES.length)] as string,
      ownerId: OWNERS[i % OWNERS.length] as string,
      segment: ['smb', 'mid_market', 'enterprise'][i % 3] as string,
      attributes: { demoRequested: r() < 0.3, employees: 20 + Math.floor(r() * 3000) },
      stageDates: { inquiry: created, mql: Math.min(mql, NOW - 60_000) },
    } satisfies Lead;
  });
}

function adapterOver(data: { leads: Lead[] } & Partial<Record<string, unknown[]>>, name: string): AccordAdapter {
  const list =
    <T,>(records: T[] = []) =>
    async () => ({ records, nextCursor: null });
  return {
    name,
    capabilities: {
      lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
      writeDisposition: false,
      runScorecard: false,
    },
    listLeads: list(data.leads),
    listActivities: list(data['activities'] as never[]),
    listTouchpoints: list(data['touchpoints'] as never[]),
    listOpportunities: list(data['opportunities'] as never[]),
    listSpend: list(data['spend'] as never[]),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function Providers(props: {
  children: ReactElement;
  client: QueryClient;
  adapter: AccordAdapter;
  clock: ReturnType<typeof createManualClock>;
  agreement: Agreement;
}) {
  return (
    <QueryClientProvider client={props.client}>
      <AccordProvider agreement={props.agreement} adapter={props.adapter} clock={props.clock} locale="en-US">
        {props.children}
      </AccordProvider>
    </QueryClientProvider>
  );
}

const newClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY, retry: false },
    },
  });

/** Renders synchronously and forces layout: the time a user waits for the first frame's content. */
const phases = { commit: [] as number[], layout: [] as number[] };

function timedRender(root: Root, ui: ReactElement, host: HTMLElement): number {
  const start = performance.now();
  flushSync(() => root.render(ui));
  const committed = performance.now();
  void host.offsetHeight;
  const end = performance.now();
  phases.commit.push(committed - start);
  phases.layout.push(end - committed);
  return end - start;
}

async function settle(host: HTMLElement, ready: () => boolean): Promise<number> {
  const start = performance.now();
  while (!ready()) {
    if (performance.now() - start > 120_000) throw new Error('[bench] widget never left its loading state');
    await new Promise((r) => setTimeout(r, 10));
  }
  void host.offsetHeight;
  return performance.now() - start;
}

// ---------- Peers: plain React, the same visible output, no Accord hooks ----------

const ROW = 56; // SlaQueue's default row height
const VISIBLE = Math.ceil(448 / ROW) + 2 * 6; // its default height (28rem) plus its overscan on both sides

function PlainQueue({
  entries,
  clock,
}: {
  entries: readonly SlaQueueEntry[];
  clock: ReturnType<typeof createManualClock>;
}) {
  const now = useSyncExternalStore(clock.subscribe, clock.now);
  const sorted = [...entries].sort((a, b) => a.dueAt - b.dueAt);
  const minutes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return (
    <div style={{ height: 448, overflow: 'auto' }}>
      <table>
        <tbody style={{ height: sorted.length * ROW, display: 'block', position: 'relative' }}>
          {sorted.slice(0, VISIBLE).map((e, i) => {
            const left = (e.dueAt - now) / 60_000;
            return (
              <tr key={`${e.leadId}:${e.slaId}`} style={{ position: 'absolute', top: i * ROW, height: ROW }}>
                <td>{e.lead.company ?? e.lead.name}</td>
                <td>{e.lead.ownerId}</td>
                <td>{e.label}</td>
                <td>{left >= 0 ? `${minutes.format(left)} min left` : `Overdue by ${minutes.format(-left)} min`}</td>
                <td>
                  <div style={{ width: `${Math.min(100, Math.max(0, 100 - (left / e.targetMinutes) * 100))}%` }} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PlainScorecard({ result }: { result: ScorecardResult }) {
  const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  return (
    <table>
      <thead>
        <tr>
          <th>Group</th>
          {result.metrics.map((m) => (
            <th key={m.id}>{m.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((row) => (
          <tr key={JSON.stringify(row.group)}>
            <th>{Object.values(row.group).join(' · ')}</th>
            {result.metrics.map((m) => {
              const v = row.metrics[m.id]?.value;
              return (
                <td key={m.id}>
                  {v === null || v === undefined ? '—' : m.unit === 'ratio' ? pct.format(v) : num.format(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------- Scenarios ----------

async function slaQueue({ leads = 10_000, renders = 7, ticks = 40 } = {}) {
  const data = { leads: openMqls(leads) };
  const adapter = adapterOver(data, 'bench-sla');
  const clock = createManualClock(NOW);
  const client = newClient();
  const host = document.getElementById('root') as HTMLElement;
  const ui = (
    <Providers client={client} adapter={adapter} clock={clock} agreement={defaultAgreement}>
      <SlaQueue />
    </Providers>
  );
  // Cold: loads the records and runs the SLA maths for every lead (the query), then renders.
  let root = createRoot(host);
  const coldStart = performance.now();
  flushSync(() => root.render(ui));
  const loadMs = await settle(host, () => host.querySelector('[role="grid"] tbody tr') !== null);
  const coldMs = performance.now() - coldStart;
  root.unmount();
  const entries = (client.getQueriesData<{ entries: SlaQueueEntry[] }>({
    queryKey: ['accord', 'bench-sla', 'slaQueue'],
  })[0]?.[1]?.entries ?? []) as SlaQueueEntry[];
  const rows = entries.length;
  const first: number[] = [];
  const tick: number[] = [];
  const peerFirst: number[] = [];
  const peerTick: number[] = [];
  let domRows = 0;
  for (let i = 0; i < renders; i++) {
    clock.set(NOW);
    root = createRoot(host);
    first.push(timedRender(root, ui, host));
    domRows = host.querySelectorAll('[role="grid"] tbody tr').length;
    for (let t = 0; t < ticks; t++) {
      const s = performance.now();
      flushSync(() => clock.advance(1000));
      void host.offsetHeight;
      tick.push(performance.now() - s);
    }
    root.unmount();
    clock.set(NOW);
    root = createRoot(host);
    peerFirst.push(timedRender(root, <PlainQueue entries={entries} clock={clock} />, host));
    for (let t = 0; t < ticks; t++) {
      const s = performance.now();
      flushSync(() => clock.advance(1000));
      void host.offsetHeight;
      peerTick.push(performance.now() - s);
    }
    root.unmount();
  }
  return {
    leads,
    rows,
    domRows,
    coldMs,
    loadMs,
    firstRender: { accord: median(first), plain: median(peerFirst), accordMax: Math.max(...first) },
    tick: {
      accord: median(tick),
      plain: median(peerTick),
      accordP95: [...tick].sort((a, b) => a - b)[Math.floor(tick.length * 0.95)],
    },
  };
}

async function scorecard({ leads = 6000, groups = 200, renders = 9 } = {}) {
  const sample = generateSample({ leads, seed: 11 });
  const data = {
    ...sample,
    leads: sample.leads.map((l, i) => ({ ...l, campaignId: `campaign-${String(i % groups).padStart(3, '0')}` })),
  };
  const adapter = adapterOver(data as never, 'bench-scorecard');
  const clock = createManualClock(sample.asOf);
  const client = newClient();
  const host = document.getElementById('root') as HTMLElement;
  const metrics = ['leads', 'count.mql', 'conversion.mql.sal', 'conversion.sal.sql', 'reject_rate', 'revenue_won'];
  const ui = (
    <Providers client={client} adapter={adapter} clock={clock} agreement={defaultAgreement}>
      <Scorecard metrics={metrics} groupBy="campaign" period="2026-06" />
    </Providers>
  );
  let root = createRoot(host);
  const coldStart = performance.now();
  flushSync(() => root.render(ui));
  // The drill-down table renders only the rows in view; aria-rowcount (header + groups + totals) gives its size.
  const drillGroups = () => Number(host.querySelector('table[aria-rowcount]')?.getAttribute('aria-rowcount') ?? 2) - 2;
  await settle(host, () => drillGroups() >= groups && host.querySelector('[aria-busy="true"]') === null);
  const coldMs = performance.now() - coldStart;
  const groupRows = drillGroups();
  root.unmount();
  const result = client
    .getQueriesData<ScorecardResult>({ queryKey: ['accord', 'bench-scorecard', 'scorecard'] })
    .map(([, d]) => d)
    .find((d) => d !== undefined && d.rows.length >= groups) as ScorecardResult;
  const first: number[] = [];
  const peer: number[] = [];
  const split = { commit: [] as number[], layout: [] as number[] };
  for (let i = 0; i < renders; i++) {
    root = createRoot(host);
    first.push(timedRender(root, ui, host));
    split.commit.push(phases.commit.at(-1) as number);
    split.layout.push(phases.layout.at(-1) as number);
    root.unmount();
    root = createRoot(host);
    peer.push(timedRender(root, <PlainScorecard result={result} />, host));
    root.unmount();
  }
  return {
    leads,
    groups,
    groupRows,
    metrics: metrics.length,
    coldMs,
    render: {
      accord: median(first),
      plain: median(peer),
      accordMax: Math.max(...first),
      commit: median(split.commit),
      layout: median(split.layout),
    },
  };
}

declare global {
  interface Window {
    accordBench: { run: (name: string, params?: Record<string, number>) => Promise<unknown> };
  }
}

window.accordBench = {
  run: async (name, params = {}) => {
    if (name === 'slaQueue') return slaQueue(params);
    if (name === 'scorecard') return scorecard(params);
    throw new Error(`[bench] unknown scenario ${name}`);
  },
};
