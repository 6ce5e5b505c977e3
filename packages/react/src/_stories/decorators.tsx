// Story decorators shared by the widget and hook stories. Never published.
import type { Decorator } from '@storybook/react-vite';

/**
 * Wraps the story in `.sb-host-overrides` (apps/storybook/.storybook/preview.css): a host page that
 * restyles Accord only through `--accord-*` custom properties.
 */
export const hostOverrides: Decorator = (Story) => (
  <div className="sb-host-overrides">
    <Story />
  </div>
);

/** Caps the story's width (a side panel, a narrow admin column). */
export function narrow(maxWidth: string): Decorator {
  return (Story) => (
    <div style={{ maxWidth }}>
      <Story />
    </div>
  );
}
