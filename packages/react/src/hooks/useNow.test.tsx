import { defaultAgreement } from '@accord/core';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccordProvider } from '../provider/AccordProvider';
import { createManualClock } from '../provider/clock';
import { useNow } from './useNow';

const wrap =
  (clock: Parameters<typeof AccordProvider>[0]['clock']) =>
  ({ children }: { children: ReactNode }) => (
    <AccordProvider agreement={defaultAgreement} clock={clock}>
      {children}
    </AccordProvider>
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('useNow', () => {
  it('re-renders when a manual clock moves', () => {
    const clock = createManualClock(1_000);
    const { result } = renderHook(() => useNow(), { wrapper: wrap(clock) });
    expect(result.current).toBe(1_000);
    act(() => clock.advance(500));
    expect(result.current).toBe(1_500);
  });

  it('ticks a plain clock on the interval, aligned and rounded down to it', () => {
    vi.useFakeTimers();
    vi.setSystemTime(10_250);
    const { result } = renderHook(() => useNow(1000), { wrapper: wrap(() => Date.now()) });
    expect(result.current).toBe(10_000);
    act(() => {
      vi.advanceTimersByTime(750);
    });
    expect(result.current).toBe(11_000);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(result.current).toBe(12_000);
  });

  it('throws on an interval that is not a positive whole number', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useNow(0), { wrapper: wrap(() => 0) })).toThrow('[accord] useNow');
    spy.mockRestore();
  });
});
