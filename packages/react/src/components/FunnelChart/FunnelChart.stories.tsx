import { defaultAgreement, defineAgreement } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { OPEN_MQLS_NOW } from '../../_stories/openMqls';
import { emptyStory, errorStory, expectNoSidewaysScroll, loadingStory, rtlArabic } from '../../_stories/states';
import { FunnelChart } from './FunnelChart';

/** The default agreement with long stage labels. */
const longStageAgreement = defineAgreement({
  ...defaultAgreement,
  stages: defaultAgreement.stages.map((s) => ({
    ...s,
    label: `${s.label} (as agreed by the revenue council in the FY2026 operating agreement)`,
  })),
});

type Canvas = ReturnType<typeof within>;
const chart = (canvas: Canvas) => canvas.findByRole('img', { name: /^Funnel: / }, { timeout: 15_000 });

const meta = {
  title: 'Widgets/FunnelChart',
  component: FunnelChart,
  tags: ['autodocs'],
  args: {},
  decorators: [narrow('48rem')],
} satisfies Meta<typeof FunnelChart>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The seeded sample's funnel: one bar per stage, focusable rows with the details, a table alternative. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await chart(canvas);
    await expect(canvas.getByRole('table', { name: 'Funnel by stage' })).toBeInTheDocument();
    const steps = within(canvas.getByRole('list', { name: 'Funnel stages' })).getAllByRole('listitem');
    await expect(steps.length).toBeGreaterThanOrEqual(5);
    const first = steps[0] as HTMLElement;
    while (canvasElement.ownerDocument.activeElement !== first) await userEvent.tab();
    await expect(first).toHaveAccessibleName(/^Inquiry: .* leads, Top of funnel/);
  },
};

/** One segment of the funnel: enterprise leads created in the first half of 2026. */
export const Segment: Story = {
  args: { groupBy: 'segment', group: 'enterprise', from: '2026-01-01T00:00:00Z', to: '2026-07-01T00:00:00Z' },
  play: async ({ canvas }) => {
    await chart(canvas);
  },
};

/** The adapter has not answered yet. */
export const Loading: Story = loadingStory('Loading the funnel…');

/** No lead in the window. */
export const Empty: Story = emptyStory('No leads in this period.');

/** The adapter rejected: an alert with Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-funnelchart--error); this module never uses the global.
export const Error: Story = errorStory('Could not load the funnel.', async (alert) => {
  await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
});

/** 10,000 fresh MQLs: the chart's size does not depend on the number of leads. */
export const Large: Story = {
  parameters: { accord: { adapter: 'large', clock: OPEN_MQLS_NOW } },
  play: async ({ canvas }) => {
    await expect(await chart(canvas)).toHaveAccessibleName(/^Funnel: 10,000 Inquiry/);
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
    const svg = await chart(canvas);
    const bar = svg.querySelector('.accord-FunnelChart-bar') as Element;
    await expect(getComputedStyle(bar).fill).toBe('rgb(109, 40, 217)');
  },
};

/** Long stage labels in a narrow column: they wrap, the page never scrolls sideways. */
export const LongText: Story = {
  parameters: { accord: { agreement: longStageAgreement } },
  decorators: [narrow('22rem')],
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
    await expect(svg.getAttribute('aria-label')).toMatch(/[٠-٩]/);
  },
};

/** Leads from the CRM: HubSpot contacts mapped to Accord leads. */
export const FromHubSpot: Story = {
  parameters: { accord: { adapter: 'crm' } },
  play: async ({ canvas }) => {
    await expect(await chart(canvas)).toHaveAccessibleName(/^Funnel: 40 Inquiry/);
  },
};
