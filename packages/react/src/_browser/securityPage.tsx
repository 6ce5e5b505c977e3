// The security page: every widget over hostile records, in real Chromium, under a strict CSP.
// security.browser.test.ts bundles and serves it; it reports what it saw on window.__accordSecurity.
import { defaultAgreement } from '@accord/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StageGate } from '../components/StageGate/StageGate';
import { AccordProvider } from '../provider/AccordProvider';
import { createManualClock } from '../provider/clock';
import { createArrayAdapter } from './arrayAdapter';
import { hostileSample } from './hostileData';
import '../styles.css';

declare global {
  interface Window {
    __pwned?: number;
    __accordSecurity?: { violations: string[]; ready: boolean };
  }
}

const report = { violations: [] as string[], ready: false };
window.__accordSecurity = report;
document.addEventListener('securitypolicyviolation', (event) => {
  report.violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
});

const sample = hostileSample(300);
const adapter = createArrayAdapter(sample);
const clock = createManualClock(sample.asOf);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const lead = sample.leads[0] as (typeof sample.leads)[number];

function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AccordProvider agreement={defaultAgreement} adapter={adapter} clock={clock} locale="en-US">
        <main>
          <h1>Accord widgets over hostile records</h1>
          <section aria-label="Stage gate">
            <StageGate lead={lead} toStage="sql" defaultExpanded />
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
