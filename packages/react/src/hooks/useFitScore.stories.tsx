import type { Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent } from 'storybook/test';
import { createPlaysAdapter, leadInTier, playsAgreement } from '../_stories/accountPlays';
import { type UseFitScoreOptions, useFitScore } from './useFitScore';

interface FitProps extends UseFitScoreOptions {
  lead: Lead;
}

/** Minimal host markup over useFitScore: the tier as text, the criteria in a tooltip. */
function Fit({ lead, ...options }: FitProps): ReactElement {
  const fit = useFitScore(lead, options);
  return (
    <span {...fit.getRootProps()}>
      <button {...fit.getTriggerProps()}>
        {fit.tierText} {fit.fitText}
      </button>
      <span {...fit.getExplanationProps()}>
        {fit.criteria.map((c) => (
          <span key={c.criterionId} style={{ display: 'block' }}>
            {c.stateText}: {c.label} {c.pointsText}
          </span>
        ))}
      </span>
    </span>
  );
}

const meta = {
  title: 'Hooks/useFitScore',
  component: Fit,
  tags: ['autodocs'],
  args: { lead: leadInTier('B', true) },
  argTypes: { lead: { control: 'object' } },
  parameters: { accord: { agreement: playsAgreement, adapter: () => createPlaysAdapter() } },
} satisfies Meta<typeof Fit>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Focus opens the explanation; Escape closes it. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    const button = await canvas.findByRole('button', { name: /^Tier B/ }, { timeout: 15_000 });
    while (canvasElement.ownerDocument.activeElement !== button) await userEvent.tab();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByRole('tooltip', { hidden: true })).not.toBeVisible();
  },
};

/** Events still loading. */
export const Loading: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: /Scoring/ })).toBeVisible();
  },
};
