import { createMemoryAdapter } from '@accord/adapters';
import { defaultAgreement, generateSample } from '@accord/core';
import { AccordProvider, SlaQueue, slaQueueQueryOptions } from '@accord/react';
import { QueryClient } from '@tanstack/react-query';

const sample = generateSample({ leads: 300, seed: 1 });
const adapter = createMemoryAdapter(sample);
const queryClient = new QueryClient();
const now = () => Date.parse(sample.asOf);

// On a server: load the queue before rendering, so the first HTML already lists the leads to call.
await queryClient.prefetchQuery(slaQueueQueryOptions(adapter, { agreement: defaultAgreement, now }));

export function RepDesk() {
  return (
    <AccordProvider agreement={defaultAgreement} adapter={adapter} queryClient={queryClient} clock={now}>
      <SlaQueue onOpenLead={(entry) => console.log(entry.leadId)} />
    </AccordProvider>
  );
}
