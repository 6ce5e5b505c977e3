import type { ReactElement } from 'react';

/** Decorative 16×16 icons drawn with `currentColor`; the state is always also given as text. */
export type IconName = 'check' | 'cross' | 'alert' | 'chevron';

const PATHS: Record<IconName, string> = {
  check: 'M3.5 8.5l3 3 6-7',
  cross: 'M4.5 4.5l7 7m0-7l-7 7',
  alert: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zM8 5.25v3.25m0 2.25v.01',
  chevron: 'M6 3.5l4.5 4.5L6 12.5',
};

export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={name === 'alert' ? 1.6 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
