import { type Agreement, defaultAgreement } from '@accord/core';
import { type RenderOptions, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { AccordProvider } from '../provider/AccordProvider';

/** A fixed clock for tests: 2026-03-10 15:00 UTC. */
export const TEST_NOW = Date.parse('2026-03-10T15:00:00Z');
const testClock = () => TEST_NOW;

/** Renders `ui` inside an `AccordProvider` with the default agreement (or `agreement`) and the fixed clock. */
export function renderWithAccord(
  ui: ReactElement,
  { agreement = defaultAgreement, ...options }: RenderOptions & { agreement?: Agreement } = {},
) {
  return render(ui, {
    ...options,
    wrapper: ({ children }: { children: ReactNode }) => (
      <AccordProvider agreement={agreement} clock={testClock}>
        {children}
      </AccordProvider>
    ),
  });
}
