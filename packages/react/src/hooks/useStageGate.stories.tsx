import type { Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent } from 'storybook/test';
import { firstLeadIn } from '../_stories/sample';
import { type UseStageGateOptions, useStageGate } from './useStageGate';

interface MoveButtonProps extends UseStageGateOptions {
  lead: Lead;
  toStage: string;
}

/** Minimal host markup over useStageGate: a verdict, the failing checks, and a toggle for every check. */
function MoveCheck({ lead, toStage, ...options }: MoveButtonProps): ReactElement {
  const gate = useStageGate(lead, toStage, options);
  return (
    <section {...gate.getRootProps()}>
      <p>
        {gate.label}: <strong>{gate.state}</strong>
      </p>
      {gate.failing.length > 0 ? (
        <ul aria-label="Why not">
          {gate.failing.map((r) => (
            <li key={r.message}>{r.message}</li>
          ))}
        </ul>
      ) : null}
      <button {...gate.getToggleProps()}>Every check</button>
      <ul {...gate.getDetailsProps()}>
        {gate.result.reasons.map((r) => (
          <li key={r.message}>
            {r.passed ? 'Passed' : 'Failed'}: {r.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

const salLead = firstLeadIn('sal');
const blocked: Lead = { ...salLead, attributes: { ...salLead.attributes, meetingHeld: true, budgetKnown: false } };

const meta = {
  title: 'Hooks/useStageGate',
  component: MoveCheck,
  tags: ['autodocs'],
  args: { lead: firstLeadIn('mql', (l) => l.ownerId !== undefined), toStage: 'sal' },
  argTypes: { lead: { control: 'object' } },
} satisfies Meta<typeof MoveCheck>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An allowed move. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group')).toHaveAttribute('data-state', 'allowed');
  },
};

/** A blocked move; the toggle shows every check. */
export const Blocked: Story = {
  args: { lead: blocked, toStage: 'sql' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list', { name: 'Why not' })).toBeVisible();
    const toggle = canvas.getByRole('button', { name: 'Every check' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  },
};

/** A stage the agreement does not define. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = {
  args: { toStage: 'qualified' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group')).toHaveAttribute('data-state', 'error');
  },
};
