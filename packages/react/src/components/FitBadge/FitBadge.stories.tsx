import { defaultAgreement, type Lead, scoreLead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createPlaysAdapter, leadInTier, playsAgreement, playsData, playsLeads } from '../../_stories/accountPlays';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { SAMPLE_NOW, sample } from '../../_stories/sample';
import { expectNoSidewaysScroll, rtlArabic } from '../../_stories/states';
import { FitBadge } from './FitBadge';

type Canvas = ReturnType<typeof within>;
const badge = (canvas: Canvas) => canvas.findByRole('button', { name: /ICP fit/ }, { timeout: 15_000 });
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const engagedLead = leadInTier('B', true);

/** Tab to the badge: the explanation opens on focus; Escape closes it and focus stays. */
async function opensOnFocus({ canvas, canvasElement }: { canvas: Canvas; canvasElement: HTMLElement }) {
  const trigger = await badge(canvas);
  await waitFor(() => expect(trigger.closest('.accord-FitBadge')).toHaveAttribute('data-state', 'scored'));
  const tooltip = canvas.getByRole('tooltip', { hidden: true });
  await expect(tooltip).not.toBeVisible();
  while (canvasElement.ownerDocument.activeElement !== trigger) await userEvent.tab();
  await expect(tooltip).toBeVisible();
  await expect(trigger).toHaveAttribute('aria-describedby', tooltip.id);
  await expect(within(tooltip).getByRole('list', { name: 'ICP criteria' })).toBeVisible();
}

const meta = {
  title: 'Widgets/FitBadge',
  component: FitBadge,
  tags: ['autodocs'],
  args: { lead: engagedLead },
  argTypes: { lead: { control: 'object' } },
  parameters: { accord: { agreement: playsAgreement, adapter: () => createPlaysAdapter() } },
  // Room below the badge for the explanation.
  decorators: [
    (Story) => (
      <div style={{ minHeight: '30rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof FitBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A tier-B lead; the explanation opens on keyboard focus and closes on Escape, leaving focus on the badge. */
export const Default: Story = {
  play: async (context) => {
    await opensOnFocus(context);
    const tooltip = context.canvas.getByRole('tooltip');
    await userEvent.keyboard('{Escape}');
    await expect(tooltip).not.toBeVisible();
    await expect(context.canvasElement.ownerDocument.activeElement).toBe(await badge(context.canvas));
  },
};

/** The explanation open (hover or focus): every criterion with its points, every intent signal with its decayed points. */
export const Open: Story = {
  args: { open: true },
  play: async ({ canvas }) => {
    const tooltip = await canvas.findByRole('tooltip', {}, { timeout: 15_000 });
    await waitFor(() => expect(within(tooltip).getByRole('list', { name: 'Intent signals' })).toBeVisible());
  },
};

/** Tier A: every weighted criterion but one matched. */
export const TierA: Story = {
  args: { lead: leadInTier('A') },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: /: Tier A/ }, { timeout: 15_000 })).toBeVisible();
  },
};

/** Below every tier. */
export const NoTier: Story = {
  args: { lead: leadInTier('none') },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: /: No tier/ }, { timeout: 15_000 })).toBeVisible();
  },
};

/** A score computed elsewhere (a server, a list query): nothing is loaded. */
export const Precomputed: Story = {
  args: {
    lead: undefined,
    score: scoreLead(engagedLead, sample.activities, playsAgreement, {
      now: SAMPLE_NOW,
      touchpoints: sample.touchpoints,
    }),
  },
  parameters: { accord: { agreement: playsAgreement, adapter: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await badge(canvas)).toBeVisible();
  },
};

/** The lead's activity is still loading. */
export const Loading: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: /Scoring/ })).toHaveAttribute('aria-busy', 'true');
  },
};

/** The agreement defines no ICP: the badge says so instead of showing a zero. */
export const Empty: Story = {
  // Through the prop: story parameters merge deeply, so an agreement there would keep the ICP.
  args: { agreement: defaultAgreement },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: /No ICP/ }, { timeout: 15_000 })).toBeVisible();
  },
};

/** The lead's activity could not be loaded. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-fitbadge--error); this module never uses the global.
export const Error: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'failing' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: /Fit unavailable/ }, { timeout: 15_000 })).toBeVisible();
  },
};

/** A CRM list: a badge on each of 200 leads, one shared load of the events. */
export const Large: Story = {
  render: (args) => (
    <table>
      <caption>Leads with their ICP fit</caption>
      <thead>
        <tr>
          <th scope="col">Lead</th>
          <th scope="col">Company</th>
          <th scope="col">Fit</th>
        </tr>
      </thead>
      <tbody>
        {playsLeads.slice(0, 200).map((lead: Lead) => (
          <tr key={lead.id}>
            <th scope="row">{lead.id}</th>
            <td>
              <bdi>{lead.company ?? '—'}</bdi>
            </td>
            <td>
              <FitBadge {...args} lead={lead} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  ),
  play: async ({ canvas }) => {
    await waitFor(
      async () => {
        await expect(canvas.getAllByRole('button', { name: /ICP fit/ })).toHaveLength(200);
      },
      { timeout: 15_000 },
    );
  },
};

/** The dark theme, explanation open. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: opensOnFocus,
};

/** The host restyles the badge only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async (context) => {
    await opensOnFocus(context);
    await expect(getComputedStyle(await badge(context.canvas)).fontFamily).toContain('Georgia');
  },
};

/** Long and hostile criterion labels and company names, in a narrow CRM side panel. */
export const LongText: Story = {
  args: { lead: { ...engagedLead, company: HOSTILE } },
  parameters: {
    accord: {
      agreement: {
        ...playsAgreement,
        icp: playsAgreement.icp && {
          ...playsAgreement.icp,
          criteria: playsAgreement.icp.criteria.map((c, i) =>
            i === 0
              ? { ...c, label: `${HOSTILE} Industry: SaaS, fintech, e-commerce or regulated financial services` }
              : c,
          ),
        },
      },
      adapter: () => createPlaysAdapter(playsData),
    },
  },
  decorators: [narrow('20rem')],
  play: async (context) => {
    await opensOnFocus(context);
    await expect(context.canvasElement.querySelector('img')).toBeNull();
    await expect(
      within(context.canvas.getByRole('tooltip')).getByText(new RegExp(`^${HOSTILE.slice(0, 8)}`)),
    ).toBeVisible();
    await expectNoSidewaysScroll(context.canvasElement);
  },
};

/** Right to left (`ar-EG`): the explanation opens at the badge's start edge. */
export const Rtl: Story = {
  ...rtlArabic,
  parameters: {
    accord: { ...rtlArabic.parameters.accord, agreement: playsAgreement, adapter: () => createPlaysAdapter() },
  },
  play: async (context) => {
    await opensOnFocus(context);
    await expect(getComputedStyle(await badge(context.canvas)).direction).toBe('rtl');
  },
};
