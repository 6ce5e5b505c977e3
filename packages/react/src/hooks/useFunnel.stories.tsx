import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, within } from 'storybook/test';
import { emptyStory, errorStory, loadingStory } from '../_stories/states';
import { type UseFunnelOptions, useFunnel } from './useFunnel';

/** Minimal host markup over useFunnel: an ordered list of stages with counts. */
function FunnelList(props: UseFunnelOptions): ReactElement {
  const funnel = useFunnel(props);
  if (funnel.state === 'loading') return <p role="status">Loading the funnel…</p>;
  if (funnel.state === 'error')
    return (
      <p role="alert">
        Funnel unavailable.{' '}
        <button type="button" onClick={funnel.retry}>
          Try again
        </button>
      </p>
    );
  if (funnel.state === 'empty') return <p>No leads in this period.</p>;
  return (
    <figure>
      <figcaption>{funnel.summary}</figcaption>
      <ol aria-label="Stages">
        {funnel.steps.map((step) => (
          <li key={step.stage}>
            {step.label}: {step.count}
          </li>
        ))}
      </ol>
    </figure>
  );
}

const meta = {
  title: 'Hooks/useFunnel',
  component: FunnelList,
  tags: ['autodocs'],
  args: {},
} satisfies Meta<typeof FunnelList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The seeded sample's funnel as a list. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Stages' }, { timeout: 15_000 });
    await expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(/^Inquiry: 500$/);
  },
};

/** Loading. */
export const Loading: Story = loadingStory();

/** No leads. */
export const Empty: Story = emptyStory('No leads in this period.');

/** The adapter rejected. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = errorStory('Funnel unavailable.');
