import '@accord/react/styles.css';
import type { Decorator, Preview } from '@storybook/react-vite';
import { type AccordStoryParameters, AccordStoryRoot } from '../../../packages/react/src/_stories/StoryRoot';
import './preview.css';

/**
 * Every story renders inside AccordStoryRoot: a fresh QueryClient (retries off), a fresh adapter (the
 * seeded sample unless `parameters.accord.adapter` names another variant), a manual clock at the
 * sample's export instant (2026-07-04T04:00:00Z, so no sample lead lies in the future) that play
 * functions move through `storyRuntime(id).clock`, and a locale (`en-US`, or `ar-EG` right-to-left).
 * `parameters.accord` also sets `agreement`, `clock`, `locale`, `theme` and `dir`.
 */
const withAccord: Decorator = (Story, { id, parameters, globals, viewMode }) => {
  const accord = (parameters['accord'] ?? {}) as AccordStoryParameters;
  const theme = accord.theme ?? (globals['theme'] === 'dark' ? 'dark' : 'light');
  const dir = accord.dir ?? (globals['dir'] === 'rtl' ? 'rtl' : 'ltr');
  return (
    // A new story id is a new root: nothing (cache, clock, written dispositions) leaks between stories.
    <AccordStoryRoot key={id} storyId={id} parameters={accord} dir={dir}>
      <div
        className="sb-accord-frame"
        data-accord-theme={theme}
        data-view-mode={viewMode}
        dir={dir}
        lang={dir === 'rtl' ? (accord.locale ?? 'ar-EG') : (accord.locale ?? 'en-US')}
      >
        <Story />
      </div>
    </AccordStoryRoot>
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
      description: 'Text direction (right-to-left also switches the locale to ar-EG)',
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
