import { evaluateCriteria } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { hostOverrides } from '../../_stories/decorators';
import { entryRule, firstLeadIn, SAMPLE_NOW } from '../../_stories/sample';
import { CriteriaChecklist } from './CriteriaChecklist';

// The MQL entry rule against the first sample inquiry with no demo request that fits the ICP and is engaged.
const icpInquiry = firstLeadIn('inquiry', ({ attributes: a = {} }) => {
  return a['demoRequested'] !== true && Number(a['employees']) >= 20 && Number(a['engagementScore']) >= 40;
});
const mixed = evaluateCriteria(icpInquiry, entryRule('mql'), { now: SAMPLE_NOW });
// The SQL entry rule against the first sample SQL (meeting held and budget known): every criterion met.
const sqlLead = firstLeadIn('sql');
const allMet = evaluateCriteria(
  { ...sqlLead, attributes: { ...sqlLead.attributes, meetingHeld: true, budgetKnown: true } },
  entryRule('sql'),
  { now: SAMPLE_NOW },
);

const meta = {
  title: 'Widgets/CriteriaChecklist',
  component: CriteriaChecklist,
  tags: ['autodocs'],
  args: { reasons: mixed.reasons, 'aria-label': 'MQL entry criteria' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '30rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CriteriaChecklist>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Met and unmet criteria side by side. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const items = canvas.getAllByRole('listitem');
    await expect(items.map((li) => li.dataset['state'])).toEqual(['unmet', 'met', 'met']);
  },
};

/** Every criterion met. */
export const AllMet: Story = {
  args: { reasons: allMet.reasons, 'aria-label': 'SQL entry criteria' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list')).toHaveAttribute('data-state', 'met');
  },
};

/** Nothing to check. */
export const Empty: Story = {
  args: { reasons: [], 'aria-label': 'Closed won entry criteria' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('listitem')).toHaveTextContent('No criteria to check.');
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list').closest('[data-accord-theme="dark"]')).not.toBeNull();
  },
};

/** The host restyles the checklist only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async ({ canvas }) => {
    await expect(getComputedStyle(canvas.getByRole('list')).fontFamily).toContain('Georgia');
  },
};

const longValue = 'pending-approval-from-the-regional-finance-committee-in-the-fy2027-q1-budget-cycle';
const longReasons = evaluateCriteria(
  {
    ...sqlLead,
    attributes: { ...sqlLead.attributes, meetingHeld: true, budgetKnown: longValue },
  },
  entryRule('sql'),
  { now: SAMPLE_NOW },
).reasons;

/** A long unbroken CRM value wraps inside the 30rem column. */
export const LongText: Story = {
  args: { reasons: longReasons, 'aria-label': 'SQL entry criteria' },
  play: async ({ canvas }) => {
    const list = canvas.getByRole('list');
    await expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth);
  },
};

/** Right to left (`ar-EG`). */
export const Rtl: Story = {
  globals: { dir: 'rtl' },
  play: async ({ canvas }) => {
    await expect(getComputedStyle(canvas.getByRole('list')).direction).toBe('rtl');
  },
};
