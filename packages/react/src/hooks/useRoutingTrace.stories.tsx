import type { Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, within } from 'storybook/test';
import { sample } from '../_stories/sample';
import { type UseRoutingTraceOptions, useRoutingTrace } from './useRoutingTrace';

interface WhyOwnerProps extends UseRoutingTraceOptions {
  lead: Lead;
}

/** Minimal host markup over useRoutingTrace: the assignee and the steps as a list. */
function WhyOwner({ lead, ...options }: WhyOwnerProps): ReactElement {
  const trace = useRoutingTrace(lead, options);
  return (
    <section {...trace.getRootProps({ 'aria-label': 'Routing' })}>
      <p>{trace.result ? `Goes to ${trace.result.assignee.id}` : `No decision: ${trace.error?.message}`}</p>
      <ol aria-label="Steps">
        {trace.steps.map((step) => (
          <li key={step.key} data-state={step.state}>
            {step.stateLabel}: {step.title}
          </li>
        ))}
      </ol>
    </section>
  );
}

const lead: Lead = {
  ...(sample.leads.find((l) => l.region === 'na' && Number(l.attributes?.['employees']) < 1000) as Lead),
  accountId: undefined,
  createdAt: '2026-03-10T15:00:00Z',
};

const meta = {
  title: 'Hooks/useRoutingTrace',
  component: WhyOwner,
  tags: ['autodocs'],
  args: { lead, now: lead.createdAt },
  argTypes: { lead: { control: 'object' } },
} satisfies Meta<typeof WhyOwner>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A territory decision, step by step. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^Goes to /)).toBeVisible();
    await expect(within(canvas.getByRole('list', { name: 'Steps' })).getAllByRole('listitem').length).toBeGreaterThan(
      1,
    );
  },
};

/** A member out of office is skipped. */
export const Skipped: Story = {
  args: { outOfOffice: ['rep_ava'] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^Skipped: out of office/)).toBeVisible();
  },
};

/** Routing cannot run. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = {
  args: { now: 'yesterday' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^No decision: /)).toBeVisible();
  },
};
