import type { PeriodInput } from '@accord/core';
import { AccordProvider, Scorecard, SlaQueue } from '@accord/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactElement, useCallback, useId, useState } from 'react';
import { LeadPanel } from './LeadPanel';
import { RejectMixTable } from './RejectMixTable';
import { adapter, agreement, clock, currentUser, DESK_NOW } from './sample';
import { useRecords } from './useRecords';
import { useTheme } from './useTheme';

/** The council's metrics, in the order the Monday meeting reads them. Targets come from the agreement. */
const COUNCIL_METRICS = [
  'leads',
  'conversion.mql.sal',
  'conversion.sal.sql',
  'conversion.sql.opportunity',
  'sla.mql_first_touch.breach_rate',
  'sla.demo_request_first_touch.breach_rate',
  'reject_rate',
] as const;

const PERIODS: { id: string; label: string; period: PeriodInput | undefined }[] = [
  { id: 'all', label: 'All data (Jan 5 – Jul 4, 2026)', period: undefined },
  { id: '2026-Q2', label: 'Q2 2026', period: '2026-Q2' },
  { id: '2026-06', label: 'June 2026', period: '2026-06' },
  { id: '2026-05', label: 'May 2026', period: '2026-05' },
];

const asOfText = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
  DESK_NOW,
);

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });

/** The whole page: providers around the {@link Desk}. */
export function App(): ReactElement {
  return (
    <QueryClientProvider client={queryClient}>
      <AccordProvider agreement={agreement} adapter={adapter} clock={clock} locale="en-US">
        <Desk />
      </AccordProvider>
    </QueryClientProvider>
  );
}

function Desk(): ReactElement {
  const [theme, toggleTheme] = useTheme();
  const [periodId, setPeriodId] = useState('all');
  const [openLeadId, setOpenLeadId] = useState<string | null>(null);
  const records = useRecords();
  const periodSelectId = useId();
  const period = PERIODS.find((p) => p.id === periodId)?.period;
  const openLead = openLeadId === null ? null : (records?.leads.find((l) => l.id === openLeadId) ?? null);
  const closeLead = useCallback(() => setOpenLeadId(null), []);

  return (
    <div className="desk">
      <header className="desk-header">
        <div className="desk-brand">
          <span className="desk-logo" aria-hidden="true">
            A
          </span>
          <div>
            <h1 className="desk-title">Revenue desk</h1>
            <p className="desk-subtitle">
              <bdi>{agreement.name ?? agreement.id}</bdi> · data as of <time>{asOfText} UTC</time>
            </p>
          </div>
        </div>
        <div className="desk-headerTools">
          <label htmlFor={periodSelectId} className="desk-fieldLabel">
            Period
          </label>
          <select id={periodSelectId} value={periodId} onChange={(e) => setPeriodId(e.currentTarget.value)}>
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="desk-button"
            aria-pressed={theme === 'dark'}
            onClick={toggleTheme}
            data-testid="theme-toggle"
          >
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
          <span className="desk-user" title={currentUser.role}>
            <span className="desk-avatar" aria-hidden="true">
              {currentUser.name
                .split(' ')
                .map((w) => w[0])
                .join('')}
            </span>
            <span className="desk-userName">{currentUser.name}</span>
          </span>
        </div>
      </header>

      <main className="desk-main">
        <Scorecard
          label="Council scorecard"
          metrics={COUNCIL_METRICS}
          groupBy="source"
          drillDimensions={['source', 'segment', 'region', 'owner']}
          period={period}
        />

        <div className="desk-work">
          <section className="desk-card desk-queue" aria-labelledby="desk-queue-title">
            <h2 className="desk-cardTitle" id="desk-queue-title">
              SLA queue
            </h2>
            <SlaQueue label="SLA queue" onOpenLead={(entry) => setOpenLeadId(entry.leadId)} />
          </section>

          <aside className="desk-side" aria-label="Lead and reject mix">
            <section className="desk-card desk-panel" aria-labelledby="desk-panel-title">
              <h2 className="desk-cardTitle" id="desk-panel-title">
                Lead
              </h2>
              <LeadPanel lead={openLead} onClose={closeLead} />
            </section>
            <section className="desk-card" aria-labelledby="desk-mix-title">
              <h2 className="desk-cardTitle" id="desk-mix-title">
                Reject-reason mix
              </h2>
              <RejectMixTable />
            </section>
          </aside>
        </div>
      </main>
    </div>
  );
}
