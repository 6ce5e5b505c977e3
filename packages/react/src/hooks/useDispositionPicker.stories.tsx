import type { Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { storyWrites } from '../_stories/StoryRoot';
import { firstLeadIn } from '../_stories/sample';
import { type UseDispositionPickerOptions, useDispositionPicker } from './useDispositionPicker';

interface MyRejectFormProps extends UseDispositionPickerOptions {
  lead: Lead;
}

/** Minimal host markup over useDispositionPicker: native radios, the detail field, errors and a status. */
function MyRejectForm({ lead, ...options }: MyRejectFormProps): ReactElement {
  const picker = useDispositionPicker(lead, options);
  return (
    <form {...picker.getFormProps({ 'aria-label': `Reject ${lead.company ?? lead.id}` })}>
      <fieldset {...picker.getRadioGroupProps()}>
        <legend {...picker.getLegendProps()}>Why?</legend>
        {picker.errors.reasonId ? <p {...picker.getErrorProps('reasonId')}>{picker.errors.reasonId}</p> : null}
        {picker.reasons.map((r) => (
          <div key={r.id}>
            <input {...picker.getReasonProps(r.id)} />
            {/* biome-ignore lint/a11y/noLabelWithoutControl: htmlFor comes from the prop getter. */}
            <label {...picker.getReasonLabelProps(r.id)}>{r.label}</label>
          </div>
        ))}
      </fieldset>
      {picker.detail ? (
        <p>
          {/* biome-ignore lint/a11y/noLabelWithoutControl: htmlFor comes from the prop getter. */}
          <label {...picker.getDetailLabelProps()}>{picker.detail.label}</label> <input {...picker.getDetailProps()} />
          {picker.detail.error ? <span {...picker.getErrorProps('detail')}>{picker.detail.error}</span> : null}
        </p>
      ) : null}
      <button {...picker.getSubmitProps()}>Reject</button>
      <p {...picker.getStatusProps()}>{picker.status === 'success' ? 'Rejected.' : null}</p>
    </form>
  );
}

const lead = firstLeadIn('mql', (l) => l.ownerId !== undefined);

const meta = {
  title: 'Hooks/useDispositionPicker',
  component: MyRejectForm,
  tags: ['autodocs'],
  args: { lead, by: 'rep_ava' },
  argTypes: { lead: { control: 'object' } },
} satisfies Meta<typeof MyRejectForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** "Competitor" without a name is refused and nothing is written; with the name, the rejection is recorded. */
export const Default: Story = {
  play: async ({ canvas, id }) => {
    await userEvent.click(canvas.getByRole('radio', { name: 'Competitor' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Reject' }));
    const input = canvas.getByRole('textbox', { name: 'Which competitor?' });
    await expect(input).toHaveAccessibleDescription('Reason "competitor" needs a detail: Which competitor?');
    await expect(storyWrites(id)).toHaveLength(0);
    await userEvent.type(input, 'Pipedrive{Enter}');
    await waitFor(() => expect(canvas.getByText('Rejected.')).toBeVisible());
    await expect(storyWrites(id)).toHaveLength(1);
  },
};

/** The adapter rejects the write. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = {
  parameters: { accord: { adapter: 'failing' } },
  args: { defaultReasonId: 'no_budget' },
  play: async ({ canvas }) => {
    const form = canvas.getByRole('form');
    await userEvent.click(canvas.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(form.querySelector('[aria-invalid="true"], [role="status"]')).not.toBeNull());
  },
};
