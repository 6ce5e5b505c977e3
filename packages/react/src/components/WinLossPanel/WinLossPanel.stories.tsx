import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createPlaysAdapter, playsAgreement, playsData, playsOpportunities } from '../../_stories/accountPlays';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { expectNoSidewaysScroll, rtlArabic } from '../../_stories/states';
import { WinLossPanel } from './WinLossPanel';

type Canvas = ReturnType<typeof within>;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const chart = (canvas: Canvas) =>
  canvas.findByRole('img', { name: /^Win rate and no-decision rate/ }, { timeout: 15_000 });
const panel = (canvas: Canvas) => canvas.getByRole('group', { name: 'Win/loss' });
const plays = { agreement: playsAgreement, adapter: () => createPlaysAdapter() };

const meta = {
  title: 'Widgets/WinLossPanel',
  component: WinLossPanel,
  tags: ['autodocs'],
  parameters: { accord: plays },
  decorators: [narrow('52rem')],
} satisfies Meta<typeof WinLossPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Win and no-decision rates by source with 95% intervals; the grouping switches by keyboard to segment. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await chart(canvas);
    const source = canvas.getByRole('radio', { name: 'Source' });
    await expect(source).toBeChecked();
    while (canvasElement.ownerDocument.activeElement !== source) await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await expect(canvas.getByRole('radio', { name: 'Segment' })).toBeChecked();
    await waitFor(() => expect(panel(canvas)).toHaveAttribute('data-group-by', 'segment'));
    await waitFor(() => expect(canvas.getByRole('img', { name: /by segment/ })).toBeVisible());
  },
};

/** By ICP tier (the agreement's ICP scores each deal's first lead). */
export const ByTier: Story = {
  args: { defaultGroupBy: 'tier' },
  play: async ({ canvas }) => {
    await expect(await chart(canvas)).toHaveAccessibleName(/by icp tier/);
  },
};

/** Small groups: campaigns with fewer than 20 closed deals are marked "too few to read". */
export const Large: Story = {
  args: { defaultGroupBy: 'campaignId' },
  play: async ({ canvas }) => {
    await chart(canvas);
    const rows = within(canvas.getByRole('list', { name: 'Groups' })).getAllByRole('listitem');
    await expect(rows.some((r) => r.hasAttribute('data-small'))).toBe(true);
    await expect(rows.find((r) => r.hasAttribute('data-small'))).toHaveTextContent('too few to read');
  },
};

/** The records are still loading. */
export const Loading: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading the win/loss…');
  },
};

/** No deal has closed. */
export const Empty: Story = {
  parameters: {
    accord: {
      agreement: playsAgreement,
      adapter: () => createPlaysAdapter({ ...playsData, opportunities: playsOpportunities.filter((o) => !o.closedAt) }),
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No closed deals yet.', {}, { timeout: 15_000 })).toBeVisible();
  },
};

/** The adapter rejected: an alert with Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-winlosspanel--error); this module never uses the global.
export const Error: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'failing' } },
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent('Could not load the win/loss.');
    await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await chart(canvas);
    await expect(panel(canvas).closest('[data-accord-theme="dark"]')).not.toBeNull();
  },
};

/** The host restyles the panel only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async ({ canvas }) => {
    await chart(canvas);
    await expect(getComputedStyle(panel(canvas)).fontFamily).toContain('Georgia');
  },
};

/** Hostile and very long source names and loss details, in a narrow side panel: text, never markup. */
export const LongText: Story = {
  parameters: {
    accord: {
      agreement: playsAgreement,
      adapter: () =>
        createPlaysAdapter({
          ...playsData,
          opportunities: playsOpportunities.map((o, i) =>
            i % 3 === 0 ? { ...o, source: `${HOSTILE} co_marketing_with_regional_partners_fy2026` } : o,
          ),
        }),
    },
  },
  decorators: [narrow('24rem')],
  play: async ({ canvas, canvasElement }) => {
    await chart(canvas);
    await expect(canvasElement.querySelector('img')).toBeNull();
    await expect(
      within(canvas.getByRole('list', { name: 'Groups' })).getAllByText(/co_marketing/).length,
    ).toBeGreaterThan(0);
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left (`ar-EG`): the intervals grow from the right. */
export const Rtl: Story = {
  ...rtlArabic,
  parameters: { accord: { ...rtlArabic.parameters.accord, ...plays } },
  play: async ({ canvas }) => {
    await chart(canvas);
    await expect(getComputedStyle(panel(canvas)).direction).toBe('rtl');
  },
};
