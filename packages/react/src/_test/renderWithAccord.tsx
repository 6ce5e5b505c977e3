import { type Agreement, defaultAgreement } from '@accord/core';
import { QueryClient } from '@tanstack/react-query';
import { type RenderOptions, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import type { AccordClock } from '../provider/clock';

/** A fixed clock for tests: 2026-03-10 15:00 UTC. */
export const TEST_NOW = Date.parse('2026-03-10T15:00:00Z');
const testClock = () => TEST_NOW;

/** A QueryClient for one test: no retries (errors show at once), nothing garbage-collected mid-test. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } } });
}

export interface RenderWithAccordOptions extends RenderOptions {
  agreement?: Agreement;
  adapter?: AccordAdapter;
  clock?: (() => number) | AccordClock;
  queryClient?: QueryClient;
  locale?: string;
}

/**
 * Renders `ui` inside an `AccordProvider` with the default agreement (or `agreement`), the fixed clock
 * (or `clock`), a fresh QueryClient and the `en-US` locale. Returns Testing Library's result plus the
 * QueryClient.
 */
export function renderWithAccord(
  ui: ReactElement,
  {
    agreement = defaultAgreement,
    adapter,
    clock = testClock,
    queryClient = createTestQueryClient(),
    locale = 'en-US',
    ...options
  }: RenderWithAccordOptions = {},
) {
  const result = render(ui, {
    ...options,
    wrapper: ({ children }: { children: ReactNode }) => (
      <AccordProvider agreement={agreement} adapter={adapter} clock={clock} queryClient={queryClient} locale={locale}>
        {children}
      </AccordProvider>
    ),
  });
  return { ...result, queryClient };
}
