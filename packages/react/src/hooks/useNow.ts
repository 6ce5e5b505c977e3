'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useAccord } from '../provider/AccordProvider';

/**
 * @name useNow
 * @category Hooks
 * @summary The provider clock's current instant, re-rendering as it moves.
 *
 * @description
 * With a clock that can be subscribed to (`createManualClock`), the component re-renders whenever the
 * clock is set or advanced. Otherwise it re-reads `now()` every `intervalMs` (default one second),
 * aligned to the interval, and the value it returns is the instant rounded down to the interval, so
 * every component ticking at the same interval sees the same instant.
 *
 * @param intervalMs - How often a plain clock is re-read, in ms (a positive whole number). Default 1000.
 * @returns The current instant, epoch ms.
 *
 * @example
 * const now = useNow(); // re-renders every second
 */
export function useNow(intervalMs = 1000): number {
  const { clock } = useAccord();
  if (!Number.isInteger(intervalMs) || intervalMs <= 0)
    throw new Error(`[accord] useNow: intervalMs must be a positive whole number of ms, got ${intervalMs}`);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (clock.subscribe) return clock.subscribe(onChange);
      let timer: ReturnType<typeof setTimeout>;
      const schedule = () => {
        const now = clock.now();
        timer = setTimeout(
          () => {
            onChange();
            schedule();
          },
          intervalMs - (now % intervalMs),
        );
      };
      schedule();
      return () => clearTimeout(timer);
    },
    [clock, intervalMs],
  );
  const snapshot = () => {
    const now = clock.now();
    return clock.subscribe ? now : now - (now % intervalMs);
  };
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
