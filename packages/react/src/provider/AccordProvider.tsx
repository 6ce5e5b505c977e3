'use client';

import type { Agreement } from '@accord/core';
import { createContext, type ReactElement, type ReactNode, useContext, useMemo } from 'react';
import type { RegisteredAgreement } from './provider.types';

/** Props of {@link AccordProvider}. New optional props (an adapter, a QueryClient) will be added here. */
export interface AccordProviderProps {
  /** The operating agreement every widget below enforces. */
  agreement: RegisteredAgreement;
  /** Returns the current instant in epoch ms. Default `Date.now`; pass a fixed clock in tests and stories. */
  clock?: () => number;
  children?: ReactNode;
}

/** What {@link useAccord} returns. */
export interface AccordContextValue<A extends Agreement = RegisteredAgreement> {
  agreement: A;
  /** The provider's clock: the current instant in epoch ms. */
  now: () => number;
}

const AccordContext = createContext<AccordContextValue<Agreement> | null>(null);
AccordContext.displayName = 'AccordContext';

/**
 * @name AccordProvider
 * @category Provider
 * @summary Supplies the agreement and the clock to every Accord hook and widget below it.
 *
 * @description
 * Place it once near the root of the part of your app that shows Accord widgets. The context value
 * only changes when `agreement` or `clock` change, so keep both stable (module constants or memoised).
 *
 * @param props - `agreement` (required), `clock` (default `Date.now`), `children`.
 *
 * @example
 * <AccordProvider agreement={defaultAgreement} clock={() => Date.parse('2026-03-10T15:00:00Z')}>
 *   <StageGate lead={lead} toStage="sql" />
 * </AccordProvider>
 */
export function AccordProvider({ agreement, clock, children }: AccordProviderProps): ReactElement {
  const now = clock ?? Date.now;
  const value = useMemo<AccordContextValue<Agreement>>(() => ({ agreement, now }), [agreement, now]);
  return <AccordContext.Provider value={value}>{children}</AccordContext.Provider>;
}

/**
 * @name useAccord
 * @category Provider
 * @summary Reads the agreement and the clock from the nearest {@link AccordProvider}.
 *
 * @description
 * Throws when there is no provider above the component: that is a wiring mistake, not a runtime state.
 *
 * @returns `{ agreement, now }`.
 *
 * @example
 * const { agreement, now } = useAccord();
 * const verdict = evaluateTransition(lead, 'sql', agreement, { now: now() });
 */
export function useAccord<A extends Agreement = RegisteredAgreement>(): AccordContextValue<A> {
  const value = useContext(AccordContext);
  if (value === null) {
    throw new Error(
      '[accord] useAccord must be used inside <AccordProvider>. Wrap the widgets in <AccordProvider agreement={…}>.',
    );
  }
  return value as AccordContextValue<A>;
}
