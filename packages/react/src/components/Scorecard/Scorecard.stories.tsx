import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createStoryAdapter } from '../../_stories/adapters';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { sample } from '../../_stories/sample';
import { emptyStory, errorStory, expectNoSidewaysScroll, loadingStory, rtlArabic } from '../../_stories/states';
import { Scorecard } from './Scorecard';

const METRICS = ['leads', 'count.mql', 'conversion.mql.sal', 'conversion.sal.sql', 'reject_rate', 'revenue_won'];
type Canvas = ReturnType<typeof within>;

/** The widget once its tiles are shown. */
async function loaded(canvas: Canvas): Promise<HTMLElement> {
  const list = await canvas.findByRole('list', { name: 'Metrics' }, { timeout: 15_000 });
  return list;
}

/** The sample with every lead in one of 200 campaigns (`campaign-000` … `campaign-199`). */
const campaignLeads = sample.leads.map((l, i) => ({
  ...l,
  campaignId: `campaign-${String(i % 200).padStart(3, '0')}`,
}));

const meta = {
  title: 'Widgets/Scorecard',
  component: Scorecard,
  tags: ['autodocs'],
  args: { period: '2026-06', metrics: METRICS },
} satisfies Meta<typeof Scorecard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** June 2026 of the seeded sample against May: values, targets, deltas and sparklines. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const tiles = await loaded(canvas);
    await expect(within(tiles).getAllByRole('group')).toHaveLength(METRICS.length);
    await expect(canvas.getByText('2026-06 compared with 2026-05')).toBeVisible();
  },
};

/** A metric's dictionary definition opens when its label gets keyboard focus, and Escape closes it. */
export const DefinitionOnFocus: Story = {
  play: async ({ canvas, canvasElement }) => {
    const tiles = await loaded(canvas);
    const trigger = within(tiles).getAllByRole('button')[0] as HTMLElement;
    const popover = canvasElement.ownerDocument.getElementById(trigger.getAttribute('aria-describedby') ?? '');
    await expect(popover).toHaveAttribute('role', 'tooltip');
    await expect(popover).not.toBeVisible();
    while (canvasElement.ownerDocument.activeElement !== trigger) await userEvent.tab();
    await expect(popover).toBeVisible();
    await expect(popover).toHaveTextContent('Formula:');
    await userEvent.keyboard('{Escape}');
    await expect(popover).not.toBeVisible();
    await expect(trigger).toHaveFocus();
  },
};

/** "Break down by" Source by keyboard alone, then a group's button focuses the tiles on that source. */
export const DrillDownByKeyboard: Story = {
  play: async ({ canvas, canvasElement }) => {
    await loaded(canvas);
    const doc = canvasElement.ownerDocument;
    const drill = canvas.getByRole('group', { name: 'Break down by' });
    const none = within(drill).getByRole('radio', { name: 'None' });
    await expect(none).toBeChecked();
    while (doc.activeElement !== none) await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}');
    await expect(within(drill).getByRole('radio', { name: 'Source' })).toBeChecked();

    const table = await canvas.findByRole('table', { name: 'Metrics by Source, 2026-06' });
    const groups = await waitFor(() => {
      const buttons = within(table).getAllByRole('button');
      expect(buttons.length).toBeGreaterThan(1);
      return buttons;
    });
    const second = groups[1] as HTMLElement;
    while (doc.activeElement !== second) await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByRole('button', { name: 'Show all leads' })).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect(second).toHaveAttribute('aria-pressed', 'false');
  },
};

/** The adapter has not answered yet: a skeleton, `aria-busy`. */
export const Loading: Story = loadingStory('Loading the scorecard…', async ({ canvas }) => {
  await expect(canvas.getByRole('group', { name: 'Scorecard' })).toHaveAttribute('aria-busy', 'true');
});

/** No leads at all. */
export const Empty: Story = emptyStory(/The scorecard fills in as leads arrive\./);

/** The adapter rejected: the message and Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-scorecard--error); this module never uses the global.
export const Error: Story = errorStory('The scorecard could not be loaded.', async (alert) => {
  await expect(alert).toHaveTextContent('HTTP 503');
});

/** All time, 200 campaigns in the drill-down: only the rows in view are rendered, `aria-rowcount` gives the full size. */
export const Large: Story = {
  parameters: {
    accord: { adapter: () => createStoryAdapter({ ...sample, leads: campaignLeads }, 'story-campaigns') },
  },
  args: { period: undefined, groupBy: 'campaign', drillDimensions: ['source', 'campaign'] },
  play: async ({ canvas }) => {
    await loaded(canvas);
    const table = await canvas.findByRole('table', { name: 'Metrics by Campaign' }, { timeout: 15_000 });
    // 200 campaign groups (plus any group the scorecard adds for records without one), the header and the totals.
    await waitFor(() => expect(Number(table.getAttribute('aria-rowcount'))).toBeGreaterThanOrEqual(202));
    await expect(within(table).getAllByRole('row').length).toBeLessThan(100);
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { groupBy: 'source' },
  play: async ({ canvas }) => {
    await loaded(canvas);
    await expect(canvas.getByRole('group', { name: 'Scorecard' }).closest('[data-accord-theme="dark"]')).not.toBeNull();
  },
};

/** The host restyles the scorecard only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  args: { groupBy: 'source' },
  play: async ({ canvas }) => {
    await loaded(canvas);
    await expect(getComputedStyle(canvas.getByRole('group', { name: 'Scorecard' })).fontFamily).toContain('Georgia');
  },
};

/** Long source names and a long title in a narrow column: text wraps, the page never scrolls sideways. */
export const LongText: Story = {
  parameters: {
    accord: {
      adapter: () =>
        createStoryAdapter(
          {
            ...sample,
            leads: sample.leads.map((l, i) =>
              i % 2 === 0 ? { ...l, source: `${l.source}_partner_co_marketing_programme_emea_fy2026_h1_extended` } : l,
            ),
          },
          'story-long',
        ),
    },
  },
  args: { groupBy: 'source', label: 'Council scorecard: marketing-sourced pipeline, June 2026 against May 2026' },
  decorators: [narrow('30rem')],
  play: async ({ canvas, canvasElement }) => {
    await loaded(canvas);
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left with Arabic (Egypt) numbers. */
export const Rtl: Story = {
  ...rtlArabic,
  play: async ({ canvas }) => {
    const tiles = await loaded(canvas);
    await expect(getComputedStyle(tiles).direction).toBe('rtl');
    await expect(tiles.textContent).toMatch(/[٠-٩]/);
  },
};

/** Leads from the CRM: HubSpot contacts (field names of the HubSpot fixture) mapped to Accord leads. */
export const FromHubSpot: Story = {
  parameters: { accord: { adapter: 'crm' } },
  args: { period: undefined, groupBy: 'source' },
  play: async ({ canvas }) => {
    await loaded(canvas);
    await expect(canvas.getByText('All time')).toBeVisible();
  },
};
