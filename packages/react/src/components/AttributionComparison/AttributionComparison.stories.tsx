import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { createStoryAdapter } from '../../_stories/adapters';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { sample } from '../../_stories/sample';
import { emptyStory, errorStory, expectNoSidewaysScroll, loadingStory, rtlArabic } from '../../_stories/states';
import { AttributionComparison } from './AttributionComparison';

type Canvas = ReturnType<typeof within>;
const chart = (canvas: Canvas) => canvas.findByRole('img', { name: /./ }, { timeout: 15_000 });
const MODELS = ['first_touch', 'last_touch', 'w_shaped', 'markov'] as const;

const meta = {
  title: 'Widgets/AttributionComparison',
  component: AttributionComparison,
  tags: ['autodocs'],
  args: { models: MODELS },
  decorators: [narrow('52rem')],
} satisfies Meta<typeof AttributionComparison>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Four models side by side over the seeded sample's journeys; the measure toggles by keyboard. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await chart(canvas);
    const legend = canvas.getByRole('list', { name: 'Models' });
    await expect(within(legend).getAllByRole('listitem')).toHaveLength(MODELS.length);
    const revenue = canvas.getByRole('button', { name: 'Revenue' });
    await expect(revenue).toHaveAttribute('aria-pressed', 'false');
    while (canvasElement.ownerDocument.activeElement !== revenue) await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect(revenue).toHaveAttribute('aria-pressed', 'true');
    await expect(canvasElement.querySelector('.accord-AttributionComparison')).toHaveAttribute(
      'data-measure',
      'revenue',
    );
  },
};

/** The adapter has not answered yet. */
export const Loading: Story = loadingStory('Loading the attribution…');

/** Nothing converted. */
export const Empty: Story = emptyStory('No conversions to attribute.');

/** The adapter rejected: an alert with Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-attributioncomparison--error); this module never uses the global.
export const Error: Story = errorStory('Could not load the attribution.');

/** Every model the core offers (eight series: colours and patterns). */
export const AllModels: Story = {
  args: { models: undefined },
  play: async ({ canvas }) => {
    await chart(canvas);
    await expect(
      within(canvas.getByRole('list', { name: 'Models' })).getAllByRole('listitem').length,
    ).toBeGreaterThanOrEqual(6);
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await chart(canvas);
  },
};

/** The host restyles the chart only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async ({ canvas }) => {
    await chart(canvas);
  },
};

/** Long channel names in a narrow column. */
export const LongText: Story = {
  parameters: {
    accord: {
      adapter: () =>
        createStoryAdapter(
          {
            ...sample,
            touchpoints: sample.touchpoints.map((t) => ({
              ...t,
              channel: `${t.channel}_co_marketing_with_regional_partners_fy2026`,
            })),
          },
          'story-long',
        ),
    },
  },
  decorators: [narrow('24rem')],
  play: async ({ canvas, canvasElement }) => {
    await chart(canvas);
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left with Arabic (Egypt) numbers. */
export const Rtl: Story = {
  ...rtlArabic,
  play: async ({ canvas }) => {
    const svg = await chart(canvas);
    await expect(getComputedStyle(svg.closest('.accord-AttributionComparison') as Element).direction).toBe('rtl');
  },
};
