import { defaultAgreement } from '@accord/core';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AccordProvider, useAccord } from './AccordProvider';

describe('useAccord', () => {
  it('throws a clear error outside <AccordProvider>', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useAccord())).toThrow('[accord] useAccord must be used inside <AccordProvider>');
    spy.mockRestore();
  });

  it('returns the agreement and the injected clock', () => {
    const clock = () => 1_700_000_000_000;
    const { result } = renderHook(() => useAccord(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <AccordProvider agreement={defaultAgreement} clock={clock}>
          {children}
        </AccordProvider>
      ),
    });
    expect(result.current.agreement).toBe(defaultAgreement);
    expect(result.current.now).toBe(clock);
    expect(result.current.now()).toBe(1_700_000_000_000);
  });

  it('defaults the clock to Date.now', () => {
    const { result } = renderHook(() => useAccord(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <AccordProvider agreement={defaultAgreement}>{children}</AccordProvider>
      ),
    });
    expect(result.current.now).toBe(Date.now);
  });

  it('keeps the context value stable across renders with the same props', () => {
    const clock = () => 0;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AccordProvider agreement={defaultAgreement} clock={clock}>
        {children}
      </AccordProvider>
    );
    const { result, rerender } = renderHook(() => useAccord(), { wrapper });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });
});
