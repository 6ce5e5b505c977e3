import { createAccountDirectory, createRoutingState, defaultAgreement, type Lead, routeLead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { crmLeads } from '../../_stories/crm';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { sample } from '../../_stories/sample';
import { expectNoSidewaysScroll, rtlArabic } from '../../_stories/states';
import { RoutingTrace } from './RoutingTrace';

/** A North American sample lead below enterprise size, routed by territory during US business hours. */
const naLead: Lead = {
  ...(sample.leads.find((l) => l.region === 'na' && Number(l.attributes?.['employees']) < 1000) as Lead),
  accountId: undefined,
  createdAt: '2026-03-10T15:00:00Z',
};
const accounts = createAccountDirectory(sample.accounts);
/** The first sample lead whose account has an owner: the account-owner rule decides. */
const accountLead = sample.leads.find(
  (l) =>
    routeLead(l, createRoutingState(), defaultAgreement, { now: l.createdAt, accounts }).ruleId === 'account_owner',
) as Lead;
const group = (canvas: ReturnType<typeof within>) => canvas.getByRole('group', { name: 'Why this owner' });
const steps = (canvas: ReturnType<typeof within>) =>
  within(canvas.getByRole('list', { name: 'Routing steps' })).getAllByRole('listitem');

const meta = {
  title: 'Widgets/RoutingTrace',
  component: RoutingTrace,
  tags: ['autodocs'],
  args: { lead: naLead, now: naLead.createdAt },
  argTypes: { lead: { control: 'object' } },
  decorators: [narrow('40rem')],
} satisfies Meta<typeof RoutingTrace>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Territory routing: rules tried in order, the deciding rule marked, the member chosen from the pool. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(group(canvas)).toHaveAttribute('data-state', 'user');
    await expect(steps(canvas).some((li) => li.hasAttribute('data-decisive'))).toBe(true);
  },
};

/** A known account: the account owner takes the lead. */
export const AccountOwner: Story = {
  args: { lead: accountLead, now: accountLead.createdAt, accounts },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^Account found/)).toBeVisible();
  },
};

/** A member out of office is skipped, and the reason is written out. */
export const Skipped: Story = {
  args: { outOfOffice: ['rep_ava'] },
  play: async ({ canvas }) => {
    const skipped = steps(canvas).filter((li) => li.dataset['state'] === 'skipped');
    await expect(skipped.length).toBeGreaterThan(0);
    await expect(skipped[0]).toHaveTextContent('Skipped: out of office');
  },
};

/** Nobody in the enterprise pool can take the lead: the fallback queue does. */
export const Fallback: Story = {
  args: {
    lead: { ...naLead, attributes: { ...naLead.attributes, employees: 5000 } },
    outOfOffice: ['ae_grace', 'ae_hiro'],
  },
  play: async ({ canvas }) => {
    await expect(group(canvas)).toHaveAttribute('data-state', 'fallback');
    await expect(steps(canvas).at(-1)).toHaveAttribute('data-state', 'fallback');
  },
};

/** Routing cannot run (an unreadable decision instant): the reason instead of a trace. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-routingtrace--error); this module never uses the global.
export const Error: Story = {
  args: { now: 'yesterday' },
  play: async ({ canvas }) => {
    await expect(group(canvas)).toHaveAttribute('data-state', 'error');
    await expect(canvas.getByText(/^Routing could not run/)).toBeVisible();
  },
};

/** A lead from the CRM: a HubSpot contact mapped to an Accord lead. */
export const FromHubSpot: Story = {
  args: { lead: crmLeads[0] as Lead, now: naLead.createdAt },
  play: async ({ canvas }) => {
    await expect(group(canvas)).not.toHaveAttribute('data-state', 'error');
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { outOfOffice: ['rep_ava'] },
  play: async ({ canvas }) => {
    await expect(group(canvas).closest('[data-accord-theme="dark"]')).not.toBeNull();
  },
};

/** The host restyles the trace only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  args: { outOfOffice: ['rep_ava'] },
  play: async ({ canvas }) => {
    await expect(getComputedStyle(group(canvas)).fontFamily).toContain('Georgia');
  },
};

/** Long company, owner and member names wrap inside the trace. */
export const LongText: Story = {
  args: {
    lead: {
      ...naLead,
      company: 'Truebridge Medical Devices & Diagnostics International Holdings (North America) Incorporated',
      ownerId: 'rep_maximiliane.vanderberg-oppenheimer@na.sales.example',
    },
    outOfOffice: ['rep_ava'],
  },
  decorators: [narrow('24rem')],
  play: async ({ canvas, canvasElement }) => {
    await expect(group(canvas)).toBeVisible();
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left (`ar-EG`). */
export const Rtl: Story = {
  ...rtlArabic,
  args: { outOfOffice: ['rep_ava'] },
  play: async ({ canvas }) => {
    await expect(getComputedStyle(group(canvas)).direction).toBe('rtl');
  },
};
