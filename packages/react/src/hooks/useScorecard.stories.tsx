import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { emptyStory, errorStory, loadingStory } from '../_stories/states';
import { type UseScorecardOptions, useScorecard } from './useScorecard';

/** Minimal host markup over useScorecard: a definition list of tiles whose terms explain themselves on focus. */
function ScorecardList(props: UseScorecardOptions): ReactElement {
  const scorecard = useScorecard(props);
  if (scorecard.status === 'pending') return <p role="status">Loading metrics…</p>;
  if (scorecard.status === 'error') return <p role="alert">Metrics unavailable: {scorecard.error?.message}</p>;
  if (scorecard.isEmpty) return <p>No leads yet.</p>;
  return (
    <section aria-label="My metrics">
      <ul>
        {scorecard.tiles.map((tile) => (
          <li key={tile.id}>
            <div {...scorecard.getTileProps(tile.id)}>
              <button {...scorecard.getDefinitionTriggerProps(tile.id)}>{tile.label}</button>{' '}
              <strong>{tile.formatted}</strong> <span>({tile.statusText})</span>
              <div {...scorecard.getDefinitionProps(tile.id)}>{tile.definition.description}</div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

const meta = {
  title: 'Hooks/useScorecard',
  component: ScorecardList,
  tags: ['autodocs'],
  args: { period: '2026-06', metrics: ['leads', 'conversion.mql.sal', 'win_rate'], trend: false },
} satisfies Meta<typeof ScorecardList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Tiles in host markup; focusing a metric's button shows its definition (tooltip). */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    const region = await canvas.findByRole('region', { name: 'My metrics' }, { timeout: 15_000 });
    const trigger = within(region).getAllByRole('button')[0] as HTMLElement;
    const tip = canvasElement.ownerDocument.getElementById(trigger.getAttribute('aria-describedby') ?? '');
    await expect(tip).not.toBeVisible();
    await userEvent.tab();
    await expect(trigger).toHaveFocus();
    await expect(tip).toBeVisible();
  },
};

/** Loading. */
export const Loading: Story = loadingStory('Loading metrics…');

/** No leads. */
export const Empty: Story = emptyStory('No leads yet.');

/** The adapter rejected. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = errorStory('HTTP 503');
