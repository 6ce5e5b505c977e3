import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { createPlaysAdapter, playsAgreement } from '../_stories/accountPlays';
import { type UseWinLossOptions, useWinLoss } from './useWinLoss';

/** Minimal host markup over useWinLoss: a grouping select and a table of rates with intervals. */
function WinLossTable(props: UseWinLossOptions): ReactElement {
  const w = useWinLoss(props);
  if (w.state === 'loading') return <p role="status">Loading win/loss…</p>;
  if (w.state === 'error') return <p role="alert">Win/loss unavailable: {w.error?.message}</p>;
  if (w.state === 'empty') return <p>No closed deals.</p>;
  return (
    <div>
      <label>
        Group by{' '}
        <select value={w.groupBy} onChange={(e) => w.setGroupBy(e.target.value as typeof w.groupBy)}>
          {w.groupings.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <table>
        <caption>Win rate by {w.groupLabel}</caption>
        <thead>
          <tr>
            <th scope="col">{w.groupLabel}</th>
            <th scope="col">Win rate (95%)</th>
            <th scope="col">Closed</th>
          </tr>
        </thead>
        <tbody>
          {w.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>
                {r.winRate.value} ({r.winRate.interval ?? '—'})
              </td>
              <td>
                {r.row.closed}
                {r.small ? ', too few to read' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const meta = {
  title: 'Hooks/useWinLoss',
  component: WinLossTable,
  tags: ['autodocs'],
  parameters: { accord: { agreement: playsAgreement, adapter: () => createPlaysAdapter() } },
} satisfies Meta<typeof WinLossTable>;

export default meta;
type Story = StoryObj<typeof meta>;

/** By source; switching to segment through the hook's setter. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const select = await canvas.findByRole('combobox', { name: 'Group by' }, { timeout: 15_000 });
    await userEvent.selectOptions(select, 'segment');
    await waitFor(() => expect(canvas.getByRole('table', { name: 'Win rate by Segment' })).toBeVisible());
  },
};

/** Loading. */
export const Loading: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading win/loss…');
  },
};
