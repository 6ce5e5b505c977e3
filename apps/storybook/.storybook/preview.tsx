import { type Agreement, defaultAgreement } from '@accord/core';
import { AccordProvider } from '@accord/react';
import '@accord/react/styles.css';
import type { Decorator, Preview } from '@storybook/react-vite';
import './preview.css';

/**
 * Every story sees the same fixed instant: the export instant of the seeded sample the stories use
 * (`generateSample({ leads: 500, seed: 1 }).asOf`), so no story lead lies in the future.
 */
const STORY_NOW = Date.parse('2026-07-04T04:00:00Z');
const storyClock = () => STORY_NOW;

/** Story parameters read by the decorator: `parameters.accord.agreement` replaces the default agreement. */
interface AccordParameters {
  agreement?: Agreement;
}

const withAccord: Decorator = (Story, { parameters, globals, viewMode }) => {
  const { agreement = defaultAgreement } = (parameters['accord'] ?? {}) as AccordParameters;
  const theme = globals['theme'] === 'dark' ? 'dark' : 'light';
  const dir = globals['dir'] === 'rtl' ? 'rtl' : 'ltr';
  return (
    <AccordProvider agreement={agreement} clock={storyClock}>
      <div className="sb-accord-frame" data-accord-theme={theme} data-view-mode={viewMode} dir={dir}>
        <Story />
      </div>
    </AccordProvider>
  );
};

const preview: Preview = {
  decorators: [withAccord],
  globalTypes: {
    theme: {
      description: 'Accord theme (data-accord-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', dir: 'ltr' },
  parameters: {
    layout: 'fullscreen',
    // Any axe violation fails the story's test (in Storybook and in `vitest run`).
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
  },
};

export default preview;
