// The provider every story renders in (used by apps/storybook/.storybook/preview.tsx): a fresh
// QueryClient, a fresh adapter and a fresh manual clock per story, registered by story id so a play
// function can reach them. Never published.
import { type Agreement, defaultAgreement } from '@accord/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactElement, type ReactNode, useEffect, useState } from 'react';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { createManualClock, type ManualClock } from '../provider/clock';
import { createVariantAdapter, type StoryAdapter, type StoryAdapterVariant } from './adapters';
import { SAMPLE_NOW } from './sample';

/** `parameters.accord` of a story: everything the decorator puts around it. */
export interface AccordStoryParameters {
  /** The agreement. Default `defaultAgreement`. */
  agreement?: Agreement;
  /** A data variant by name, or a factory of a fresh adapter per render. Default `'sample'`. */
  adapter?: StoryAdapterVariant | (() => AccordAdapter);
  /**
   * The clock: the start instant of a fresh manual clock (epoch ms or ISO), or a ManualClock to use as
   * is. Default: a manual clock at the sample's export instant (2026-07-04T04:00:00Z).
   */
  clock?: number | string | ManualClock;
  /** BCP 47 locale for Intl. Default `en-US`, or `ar-EG` when the direction is right-to-left. */
  locale?: string;
  /** `light` or `dark`; default the toolbar's theme. */
  theme?: 'light' | 'dark';
  /** `ltr` or `rtl`; default the toolbar's direction. */
  dir?: 'ltr' | 'rtl';
}

/** What a story renders with, as a play function reaches it through {@link storyRuntime}. */
export interface StoryRuntime {
  clock: ManualClock;
  adapter: AccordAdapter;
  queryClient: QueryClient;
  locale: string;
}

const runtimes = new Map<string, StoryRuntime>();

/**
 * @name storyRuntime
 * @category Stories
 * @summary The clock, adapter and QueryClient the story with this id renders with (for play functions).
 *
 * @example
 * play: async ({ id }) => { act(() => storyRuntime(id).clock.advance(60_000)); }
 */
export function storyRuntime(storyId: string): StoryRuntime {
  const runtime = runtimes.get(storyId);
  if (!runtime) throw new Error(`[accord] story "${storyId}" is not rendered inside AccordStoryRoot`);
  return runtime;
}

/** The writes a story's adapter recorded (an adapter from `_stories/adapters`), else an empty list. */
export function storyWrites(storyId: string): StoryAdapter['writes'] {
  const adapter = storyRuntime(storyId).adapter as Partial<StoryAdapter>;
  return adapter.writes ?? [];
}

function isManualClock(clock: AccordStoryParameters['clock']): clock is ManualClock {
  return typeof clock === 'object' && clock !== null;
}

/** Props of {@link AccordStoryRoot}. */
export interface AccordStoryRootProps {
  storyId: string;
  parameters: AccordStoryParameters;
  /** The toolbar's direction, used when the story sets none. */
  dir: 'ltr' | 'rtl';
  children: ReactNode;
}

/**
 * @name AccordStoryRoot
 * @category Stories
 * @summary QueryClientProvider + AccordProvider for one story, with a fresh QueryClient (no retries),
 * adapter and manual clock, registered under the story id.
 *
 * @example
 * <AccordStoryRoot storyId={id} parameters={parameters.accord ?? {}} dir="ltr"><Story /></AccordStoryRoot>
 */
export function AccordStoryRoot({ storyId, parameters, dir, children }: AccordStoryRootProps): ReactElement {
  const [runtime] = useState<StoryRuntime>(() => {
    const { adapter = 'sample', clock = SAMPLE_NOW } = parameters;
    const created: StoryRuntime = {
      clock: isManualClock(clock) ? clock : createManualClock(clock),
      adapter: typeof adapter === 'function' ? adapter() : createVariantAdapter(adapter),
      queryClient: new QueryClient({
        defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
      }),
      locale: 'en-US',
    };
    runtimes.set(storyId, created);
    return created;
  });
  // The toolbar's direction may change while the story stays mounted: the locale follows it.
  runtime.locale = parameters.locale ?? ((parameters.dir ?? dir) === 'rtl' ? 'ar-EG' : 'en-US');
  // Registered again after a remount, and dropped when the story goes away (unless another render took the id).
  useEffect(() => {
    runtimes.set(storyId, runtime);
    return () => {
      if (runtimes.get(storyId) === runtime) runtimes.delete(storyId);
    };
  }, [storyId, runtime]);
  useEffect(() => () => runtime.queryClient.clear(), [runtime]);

  return (
    <QueryClientProvider client={runtime.queryClient}>
      <AccordProvider
        agreement={parameters.agreement ?? defaultAgreement}
        adapter={runtime.adapter}
        clock={runtime.clock}
        queryClient={runtime.queryClient}
        locale={runtime.locale}
      >
        {children}
      </AccordProvider>
    </QueryClientProvider>
  );
}
