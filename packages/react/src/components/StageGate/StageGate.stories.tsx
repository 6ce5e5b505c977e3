import { defaultAgreement, defineAgreement, type Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, within } from 'storybook/test';
import { firstLeadIn } from '../../_stories/sample';
import { expectNoSidewaysScroll } from '../../_stories/states';
import { StageGate } from './StageGate';

// Leads picked from the seeded sample, with the smallest edit that produces each state.
/** An MQL a rep already owns, so MQL → SAL is allowed. */
const mqlLead = firstLeadIn('mql', (l) => l.ownerId !== undefined);
const salLead = firstLeadIn('sal');
/** A SAL whose discovery meeting was held but whose budget is still unknown. */
const blockedLead: Lead = {
  ...salLead,
  attributes: {
    ...Object.fromEntries(Object.entries(salLead.attributes ?? {}).filter(([key]) => key !== 'budgetKnown')),
    meetingHeld: true,
  },
};
/** An inquiry already assigned to a rep, so only the skip over MQL fails. */
const inquiryLead: Lead = { ...firstLeadIn('inquiry'), ownerId: mqlLead.ownerId ?? 'rep_emil' };

/** The default agreement with a long SQL label and a long, strict champion criterion. */
const longAgreement = defineAgreement({
  ...defaultAgreement,
  stages: defaultAgreement.stages.map((s) =>
    s.id !== 'sql'
      ? s
      : {
          ...s,
          label: 'Sales qualified lead (discovery held, budget confirmed, champion in the buying committee)',
          entry: {
            all: [
              { field: 'attributes.meetingHeld', op: 'eq', value: true, label: 'Discovery meeting held' },
              { field: 'attributes.budgetKnown', op: 'eq', value: true, label: 'Budget known' },
              {
                field: 'attributes.jobTitle',
                op: 'matches',
                value: '\\b(vice president|vp|director|head of)\\b',
                flags: 'i',
                label:
                  'Champion is a director-level or more senior decision maker in the buying committee (VP, Director or Head of)',
              },
            ],
          },
        },
  ),
});
const longLead: Lead = {
  ...salLead,
  company: 'Truebridge Medical Devices & Diagnostics International Holdings (Europe, Middle East and Africa) B.V.',
  attributes: {
    ...salLead.attributes,
    meetingHeld: true,
    budgetKnown: 'pending-approval-from-the-regional-finance-committee-in-the-fy2027-q1-budget-cycle',
    jobTitle: 'Senior Manager, Global Revenue Operations, Marketing Technology and Demand Generation Systems',
  },
};

const meta = {
  title: 'Widgets/StageGate',
  component: StageGate,
  tags: ['autodocs'],
  args: { lead: mqlLead, toStage: 'sal' },
  argTypes: {
    toStage: { control: 'select', options: defaultAgreement.stages.map((s) => s.id) },
    lead: { control: 'object' },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '34rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof StageGate>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A forward move whose checks all pass: the MQL has an owner, so it may become a SAL. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const gate = canvas.getByRole('group', { name: 'Move to SAL' });
    await expect(gate).toHaveAttribute('data-state', 'allowed');
    const status = within(gate).getByRole('status');
    await expect(status).toHaveAttribute('data-state', 'allowed');
    await expect(status).toHaveTextContent('Allowed');
    await expect(within(gate).queryByRole('list', { name: 'Failed checks' })).toBeNull();
  },
};

/** Entry criteria fail: the meeting was held but the budget is unknown. The whole flow works by keyboard. */
export const Blocked: Story = {
  args: { lead: blockedLead, toStage: 'sql' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const gate = canvas.getByRole('group', { name: 'Move to SQL' });
    await expect(within(gate).getByRole('status')).toHaveTextContent('Blocked');
    await expect(within(gate).getByRole('list', { name: 'Failed checks' })).toHaveTextContent(
      'Entry criteria of SQL not met: Budget known.',
    );

    const toggle = canvas.getByRole('button', { name: 'All checks (1)' });
    const details = canvasElement.ownerDocument.getElementById(toggle.getAttribute('aria-controls') ?? '');
    await expect(details).not.toBeNull();
    await expect(details).not.toBeVisible();

    await userEvent.tab();
    await expect(toggle).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(details).toBeVisible();
    const checklist = within(details as HTMLElement);
    await expect(checklist.getByText('Discovery meeting held')).toBeVisible();
    await expect(checklist.getByText('Budget known')).toBeVisible();
    await expect(checklist.getByText('not met:')).toBeInTheDocument();

    await userEvent.keyboard(' ');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(details).not.toBeVisible();
    await expect(toggle).toHaveFocus();
  },
};

/** Inquiry → SAL jumps over MQL, and the default agreement does not allow skipping stages. */
export const SkipDenied: Story = {
  args: { lead: inquiryLead, toStage: 'sal' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group')).toHaveAttribute('data-state', 'blocked');
    await expect(canvas.getByRole('list', { name: 'Failed checks' })).toHaveTextContent(
      'Would skip MQL; the agreement does not allow skipping stages.',
    );
  },
};

/** SQL → MQL is a backward move; under the `recycle` policy it is allowed and lands in Recycled. */
export const Recycle: Story = {
  args: { lead: firstLeadIn('sql'), toStage: 'mql', defaultExpanded: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('recorded as Recycled');
  },
};

/** A stage id the agreement does not define (e.g. from an older agreement version, or an untyped caller). */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-stagegate--error); this module never uses the global.
export const Error: Story = {
  args: { lead: salLead, toStage: 'qualified' as never },
  play: async ({ canvas }) => {
    const status = canvas.getByRole('status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toHaveTextContent('Unknown stage "qualified"');
  },
};

/** A move with no checks at all: Opportunity → Closed lost. */
export const Empty: Story = {
  args: { lead: firstLeadIn('opportunity'), toStage: 'closed_lost' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('No checks apply');
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

/** Long stage and criterion labels, and long unbroken CRM values, wrap inside the widget. */
export const LongText: Story = {
  args: { lead: longLead, toStage: 'sql', defaultExpanded: true },
  parameters: { accord: { agreement: longAgreement } },
  play: async ({ canvas, canvasElement }) => {
    const gate = canvas.getByRole('group');
    await expect(gate.scrollWidth).toBeLessThanOrEqual(gate.clientWidth);
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** The dark theme: `data-accord-theme="dark"` on an ancestor. */
export const Dark: Story = {
  args: { lead: blockedLead, toStage: 'sql', defaultExpanded: true },
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    const gate = canvas.getByRole('group');
    await expect(gate.closest('[data-accord-theme="dark"]')).not.toBeNull();
    await expect(getComputedStyle(gate).backgroundColor).toBe('rgb(22, 27, 34)');
  },
};

/** The host restyles the widget only through `--accord-*` variables set on a wrapper. */
export const HostOverrides: Story = {
  args: { lead: blockedLead, toStage: 'sql', defaultExpanded: true },
  decorators: [
    (Story) => (
      <div
        style={
          {
            '--accord-color-blocked': '#6d28d9',
            '--accord-color-blocked-surface': '#f1e9ff',
            '--accord-color-link': '#6d28d9',
            '--accord-color-focus': '#6d28d9',
            '--accord-color-border': '#c4b5fd',
            '--accord-radius-md': '2px',
            '--accord-radius-pill': '2px',
            '--accord-shadow': 'none',
            '--accord-font-family': 'Georgia, "DejaVu Serif", serif',
          } as CSSProperties
        }
      >
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas }) => {
    const badge = canvas.getByText('Blocked');
    await expect(getComputedStyle(badge).color).toBe('rgb(109, 40, 217)');
  },
};

/** Right-to-left layout: the failure bar, the icons and the toggle chevron follow the direction. */
export const Rtl: Story = {
  args: { lead: blockedLead, toStage: 'sql', defaultExpanded: true },
  globals: { dir: 'rtl' },
  play: async ({ canvas }) => {
    const gate = canvas.getByRole('group');
    await expect(getComputedStyle(gate).direction).toBe('rtl');
  },
};
