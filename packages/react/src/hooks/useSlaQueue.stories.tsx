import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { createStoryAdapter } from '../_stories/adapters';
import { OPEN_MQLS_NOW } from '../_stories/openMqls';
import { storyRuntime } from '../_stories/StoryRoot';
import { warningAt, warningLeads } from '../_stories/slaQueue';
import { emptyStory, errorStory, loadingStory } from '../_stories/states';
import { type UseSlaQueueOptions, useSlaQueue } from './useSlaQueue';

/** Minimal host markup over useSlaQueue: a grid of the clocks with their state and minutes left (no virtualisation). */
function MyQueue(props: UseSlaQueueOptions): ReactElement {
  const queue = useSlaQueue(props);
  if (queue.status === 'pending') return <p role="status">Loading my queue…</p>;
  if (queue.status === 'error') return <p role="alert">Queue unavailable: {queue.error?.message}</p>;
  if (queue.rows.length === 0) return <p>Nothing due.</p>;
  return (
    <table {...queue.getListProps({ 'aria-label': 'My queue' })}>
      <thead>
        <tr {...queue.getHeaderRowProps()}>
          <th scope="col">Lead</th>
          <th scope="col">State</th>
          <th scope="col">Minutes left</th>
        </tr>
      </thead>
      <tbody>
        {queue.rows.map((row, i) => {
          const { state, remainingMinutes } = queue.getCountdown(row);
          return (
            <tr key={row.key} {...queue.getRowProps(i)} data-state={state}>
              <td>{row.lead.company ?? row.lead.name}</td>
              <td>{state}</td>
              <td>{Math.round(remainingMinutes)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const meta = {
  title: 'Hooks/useSlaQueue',
  component: MyQueue,
  tags: ['autodocs'],
  args: {},
  parameters: {
    accord: { adapter: () => createStoryAdapter({ leads: warningLeads }, 'story-warning'), clock: OPEN_MQLS_NOW },
  },
} satisfies Meta<typeof MyQueue>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Six fresh MQLs: arrows move the active row, and moving the story's clock past a warning re-states a row. */
export const Default: Story = {
  play: async ({ canvas, canvasElement, id }) => {
    const grid = await canvas.findByRole('grid', { name: 'My queue' });
    grid.focus();
    await userEvent.keyboard('{ArrowDown}');
    const active = canvasElement.ownerDocument.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
    await expect(active).toHaveAttribute('aria-rowindex', '3');
    const warnings = () => grid.querySelectorAll('[role="row"][data-state="warning"]').length;
    const before = warnings();
    storyRuntime(id).clock.set(warningAt);
    await waitFor(() => expect(warnings()).toBe(before + 1));
  },
};

/** Loading. */
export const Loading: Story = loadingStory('Loading my queue…');

/** No open clocks. */
export const Empty: Story = emptyStory('Nothing due.');

/** The adapter rejected. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = errorStory('HTTP 503');
