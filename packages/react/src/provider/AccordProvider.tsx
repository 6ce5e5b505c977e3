'use client';

import type { Agreement } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, type ReactElement, type ReactNode, useContext, useMemo } from 'react';
import type { AccordAdapter } from './adapter.types';
import { type AccordClock, toClock } from './clock';
import type { RegisteredAgreement } from './provider.types';

/** Props of {@link AccordProvider}. */
export interface AccordProviderProps {
  /** The operating agreement every widget below enforces. */
  agreement: RegisteredAgreement;
  /**
   * The current instant: a function returning epoch ms, or an {@link AccordClock} that live widgets can
   * subscribe to (`createManualClock` for tests and stories). Default `Date.now`.
   */
  clock?: (() => number) | AccordClock;
  /** Where the data hooks (`useScorecard`, `useSlaQueue`, …) read records and write dispositions. */
  adapter?: AccordAdapter;
  /**
   * The QueryClient the data hooks use. Default: the host's, from its `QueryClientProvider`. Passing
   * one here does not change the client of the host's own queries.
   */
  queryClient?: QueryClient;
  /** BCP 47 locale for numbers, money and dates (`Intl`). Default: the browser's. */
  locale?: string;
  children?: ReactNode;
}

/** What {@link useAccord} returns. */
export interface AccordContextValue<A extends Agreement = RegisteredAgreement> {
  agreement: A;
  /** The provider's clock: the current instant in epoch ms. */
  now: () => number;
  /** The clock as an object; live widgets subscribe to it when it can be subscribed to. */
  clock: AccordClock;
  adapter: AccordAdapter | undefined;
  queryClient: QueryClient | undefined;
  locale: string | undefined;
}

const AccordContext = createContext<AccordContextValue<Agreement> | null>(null);
AccordContext.displayName = 'AccordContext';

/**
 * @name AccordProvider
 * @category Provider
 * @summary Supplies the agreement, the clock and the data adapter to every Accord hook and widget below it.
 *
 * @description
 * Place it once near the root of the part of your app that shows Accord widgets. The data hooks run
 * on TanStack Query: they use the host's `QueryClientProvider`, or the `queryClient` given here. The
 * context value only changes when a prop changes, so keep `agreement`, `clock` and `adapter` stable
 * (module constants or memoised).
 *
 * @param props - `agreement` (required), `clock` (default `Date.now`), `adapter`, `queryClient`, `locale`, `children`.
 *
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <AccordProvider agreement={agreement} adapter={adapter}>
 *     <Scorecard groupBy="source" />
 *   </AccordProvider>
 * </QueryClientProvider>
 */
export function AccordProvider({
  agreement,
  clock,
  adapter,
  queryClient,
  locale,
  children,
}: AccordProviderProps): ReactElement {
  const value = useMemo<AccordContextValue<Agreement>>(() => {
    const source = toClock(clock);
    return {
      agreement,
      now: typeof clock === 'function' ? clock : source.now,
      clock: source,
      adapter,
      queryClient,
      locale,
    };
  }, [agreement, clock, adapter, queryClient, locale]);
  return <AccordContext.Provider value={value}>{children}</AccordContext.Provider>;
}

/**
 * @name useAccord
 * @category Provider
 * @summary Reads the agreement, the clock and the adapter from the nearest {@link AccordProvider}.
 *
 * @description
 * Throws when there is no provider above the component: that is a wiring mistake, not a runtime state.
 *
 * @returns `{ agreement, now, clock, adapter, queryClient, locale }`.
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

/**
 * The adapter and QueryClient a data hook uses: the hook's own options first, then the provider's.
 * Throws a wiring error naming the hook when there is no adapter.
 */
export function useAccordData(
  hook: string,
  options: { adapter?: AccordAdapter; queryClient?: QueryClient } = {},
): { adapter: AccordAdapter; queryClient: QueryClient | undefined } {
  const context = useAccord();
  const adapter = options.adapter ?? context.adapter;
  if (adapter === undefined) {
    throw new Error(
      `[accord] ${hook} needs an adapter: pass one to <AccordProvider adapter={…}> or to ${hook}({ adapter }).`,
    );
  }
  return { adapter, queryClient: options.queryClient ?? context.queryClient };
}
