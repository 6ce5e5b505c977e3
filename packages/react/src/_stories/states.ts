// The data-state stories every widget and hook repeats (Loading, Empty, Error over a named adapter
// variant), the right-to-left preset, and the "no sideways scroll" check of the LongText stories.
// Never published.
import { expect, type within } from 'storybook/test';
import type { AccordStoryParameters } from './StoryRoot';

type Canvas = ReturnType<typeof within>;

/** What the state stories' play functions read from the story context. */
export interface StatePlayContext {
  canvas: Canvas;
  canvasElement: HTMLElement;
}

/** A story over one adapter variant: its parameters and its play function. */
export interface StateStory {
  parameters: { accord: AccordStoryParameters };
  play: (context: StatePlayContext) => Promise<void>;
}

/**
 * @name loadingStory
 * @category Stories
 * @summary The adapter never answers: a status (with this text, else just visible), then `more`.
 *
 * @example
 * export const Loading: Story = loadingStory('Loading the funnel…');
 */
export function loadingStory(statusText?: string, more?: (context: StatePlayContext) => Promise<void>): StateStory {
  return {
    parameters: { accord: { adapter: 'loading' } },
    play: async (context) => {
      const status = context.canvas.getByRole('status');
      if (statusText === undefined) await expect(status).toBeVisible();
      else await expect(status).toHaveTextContent(statusText);
      await more?.(context);
    },
  };
}

/**
 * @name emptyStory
 * @category Stories
 * @summary The adapter lists no records: this text shows.
 *
 * @example
 * export const Empty: Story = emptyStory('No leads in this period.');
 */
export function emptyStory(text: string | RegExp): StateStory {
  return {
    parameters: { accord: { adapter: 'empty' } },
    play: async ({ canvas }) => {
      await expect(await canvas.findByText(text)).toBeVisible();
    },
  };
}

/**
 * @name errorStory
 * @category Stories
 * @summary The adapter rejects: an alert with this text, then `more` with the alert.
 *
 * @example
 * export const Error: Story = errorStory('Could not load the funnel.', async (alert) => {
 *   await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
 * });
 */
export function errorStory(alertText: string, more?: (alert: HTMLElement) => Promise<void>): StateStory {
  return {
    parameters: { accord: { adapter: 'failing' } },
    play: async ({ canvas }) => {
      const alert = await canvas.findByRole('alert');
      await expect(alert).toHaveTextContent(alertText);
      await more?.(alert);
    },
  };
}

/**
 * @name rtlArabic
 * @category Stories
 * @summary Spread into a story: right to left (the `dir` global) with Arabic (Egypt) numbers.
 *
 * @example
 * export const Rtl: Story = { ...rtlArabic, play: async ({ canvas }) => { … } };
 */
export const rtlArabic = {
  globals: { dir: 'rtl' },
  parameters: { accord: { locale: 'ar-EG' } satisfies AccordStoryParameters },
};

/**
 * @name expectNoSidewaysScroll
 * @category Stories
 * @summary The story's page is no wider than its viewport (long text wrapped or truncated).
 *
 * @example
 * play: async ({ canvas, canvasElement }) => { await chart(canvas); await expectNoSidewaysScroll(canvasElement); }
 */
export async function expectNoSidewaysScroll(canvasElement: HTMLElement): Promise<void> {
  const doc = canvasElement.ownerDocument.documentElement;
  await expect(doc.scrollWidth).toBeLessThanOrEqual(doc.clientWidth);
}
