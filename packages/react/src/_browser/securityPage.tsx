// The security page: every widget over hostile records, in real Chromium, under a strict CSP.
// security.browser.test.ts bundles and serves it; it reports what it saw on window.__accordSecurity.
import './zodJitless';
import { defaultAgreement } from '@accord/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AttributionComparison } from '../components/AttributionComparison/AttributionComparison';
import { CommitteeCoverage } from '../components/CommitteeCoverage/CommitteeCoverage';
import { FitBadge } from '../components/FitBadge/FitBadge';
import { FunnelChart } from '../components/FunnelChart/FunnelChart';
import { RejectPicker } from '../components/RejectPicker/RejectPicker';
import { RoutingTrace } from '../components/RoutingTrace/RoutingTrace';
import { Scorecard } from '../components/Scorecard/Scorecard';
import { SlaQueue } from '../components/SlaQueue/SlaQueue';
import { StageGate } from '../components/StageGate/StageGate';
import { WinLossPanel } from '../components/WinLossPanel/WinLossPanel';
import { AccordProvider } from '../provider/AccordProvider';
import { createManualClock } from '../provider/clock';
import { createArrayAdapter } from './arrayAdapter';
import { HOSTILE, hostilePlaysAgreement, hostileSample } from './hostileData';
import '../styles.css';

// Until styles.css imports them.

declare global {
  interface Window {
    __pwned?: number;
    __accordSecurity?: { violations: string[]; ready: boolean };
  }
}

if ((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless !== true)
  throw new Error('[accord] zod must run jitless under a strict CSP');
const report = { violations: [] as string[], ready: false };
window.__accordSecurity = report;
document.addEventListener('securitypolicyviolation', (event) => {
  report.violations.push(
    `${event.violatedDirective}: ${event.blockedURI} ${event.sample} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
  );
});

const sample = hostileSample(300);
const adapter = createArrayAdapter(sample);
const clock = createManualClock(sample.asOf);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const lead = sample.leads[0] as (typeof sample.leads)[number];
// A lead in MQL (so reject reasons apply) with an owner.
const mql = sample.leads.find((l) => l.stageDates?.['mql'] !== undefined && l.stageDates['sal'] === undefined) ?? lead;
const plays = hostilePlaysAgreement();
// An account with contacts, named with hostile text (adapters need not list accounts: the record is passed in).
const accountId = sample.leads.find((l) => l.accountId !== undefined)?.accountId ?? 'A000001';
const account = { id: accountId, name: HOSTILE.img, segment: 'enterprise' };

function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AccordProvider agreement={defaultAgreement} adapter={adapter} clock={clock} locale="en-US">
        <main>
          <h1>Accord widgets over hostile records</h1>
          <section aria-label="Stage gate">
            <StageGate lead={lead} toStage="sql" defaultExpanded />
          </section>
          <section aria-label="Scorecard">
            <Scorecard groupBy="owner" metrics={['leads', 'conversion.mql.sal', 'revenue_won']} />
          </section>
          <section aria-label="SLA queue">
            <SlaQueue />
          </section>
          <section aria-label="Funnel">
            <FunnelChart groupBy="source" />
          </section>
          <section aria-label="Attribution">
            <AttributionComparison />
          </section>
          <section aria-label="Reject picker">
            <RejectPicker lead={mql} by="rep_security" />
          </section>
          <section aria-label="Routing trace">
            <RoutingTrace lead={mql} />
          </section>
          <section aria-label="Fit badge">
            <FitBadge lead={lead} agreement={plays} open />
          </section>
          <section aria-label="Committee coverage">
            <CommitteeCoverage account={account} agreement={plays} renderContact={(l) => l.company} />
          </section>
          <section aria-label="Win/loss">
            <WinLossPanel agreement={plays} defaultGroupBy="segment" />
          </section>
        </main>
      </AccordProvider>
    </QueryClientProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('[accord] #root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Ready when every widget has left its loading state (data-state set by each widget).
const poll = setInterval(() => {
  if (document.querySelector('[aria-busy="true"]') === null && document.querySelector('main') !== null) {
    report.ready = true;
    clearInterval(poll);
  }
}, 50);
