import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent } from 'storybook/test';
import { emptyStory, errorStory, loadingStory } from '../_stories/states';
import { type UseAttributionOptions, useAttribution } from './useAttribution';

/** Minimal host markup over useAttribution: a table of channels × models and a measure switch. */
function AttributionTable(props: UseAttributionOptions): ReactElement {
  const a = useAttribution(props);
  if (a.state === 'loading') return <p role="status">Loading attribution…</p>;
  if (a.state === 'error') return <p role="alert">Attribution unavailable: {a.error?.message}</p>;
  if (a.state === 'empty') return <p>Nothing converted.</p>;
  const show = (v: number) => (a.measure === 'share' ? `${Math.round(v * 100)}%` : String(Math.round(v / 100)));
  return (
    <div>
      <button
        type="button"
        aria-pressed={a.measure === 'revenue'}
        onClick={() => a.setMeasure(a.measure === 'share' ? 'revenue' : 'share')}
      >
        Show revenue
      </button>
      <table>
        <caption>Attribution ({a.measure})</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            {a.models.map((m) => (
              <th key={m} scope="col">
                {a.labelOf(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {a.rows.map((row) => (
            <tr key={row.channel}>
              <th scope="row">{row.channel}</th>
              {a.models.map((m) => (
                <td key={m}>{show(a.figureOf(row, m))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const meta = {
  title: 'Hooks/useAttribution',
  component: AttributionTable,
  tags: ['autodocs'],
  args: { models: ['first_touch', 'last_touch', 'linear'] },
} satisfies Meta<typeof AttributionTable>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three models over the sample; the button switches the measure. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await canvas.findByRole('table', { name: 'Attribution (share)' }, { timeout: 15_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Show revenue' }));
    await expect(canvas.getByRole('table', { name: 'Attribution (revenue)' })).toBeVisible();
  },
};

/** Loading. */
export const Loading: Story = loadingStory();

/** Nothing converted. */
export const Empty: Story = emptyStory('Nothing converted.');

/** The adapter rejected. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = errorStory('HTTP 503');
