import { defaultAgreement, defineAgreement, deriveLifecycle, type Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createSampleAdapter } from '../../_stories/adapters';
import { crmLeads } from '../../_stories/crm';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { storyWrites } from '../../_stories/StoryRoot';
import { firstLeadIn, SAMPLE_NOW } from '../../_stories/sample';
import { expectNoSidewaysScroll, rtlArabic } from '../../_stories/states';
import { RejectPicker } from './RejectPicker';

/** An MQL a rep owns, from the seeded sample: every MQL reject reason applies. */
const mqlLead = firstLeadIn('mql', (l) => l.ownerId !== undefined);
const form = (canvas: ReturnType<typeof within>) => canvas.getByRole('form', { name: /^Reject / });

const meta = {
  title: 'Widgets/RejectPicker',
  component: RejectPicker,
  tags: ['autodocs'],
  args: { lead: mqlLead, by: 'rep_ava', onSubmitted: fn(), onError: fn() },
  argTypes: { lead: { control: 'object' } },
  decorators: [narrow('36rem')],
} satisfies Meta<typeof RejectPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The reasons that apply to an MQL, as a radio group; nothing picked yet. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(form(canvas)).toHaveAttribute('data-state', 'idle');
    const group = canvas.getByRole('radiogroup', { name: 'Reason (required)' });
    await expect(within(group).getAllByRole('radio')).toHaveLength(8);
  },
};

/** Picking "Competitor" demands the competitor's name: submitting without it writes nothing. */
export const CompetitorNeedsDetail: Story = {
  play: async ({ canvas, id, args }) => {
    await userEvent.click(canvas.getByRole('radio', { name: 'Competitor' }));
    const input = canvas.getByRole('textbox', { name: 'Which competitor? (required)' });
    await userEvent.click(canvas.getByRole('button', { name: 'Reject lead' }));

    await expect(form(canvas)).toHaveAttribute('data-state', 'invalid');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription('Reason "competitor" needs a detail: Which competitor?');
    await expect(input).toHaveFocus();
    await expect(within(form(canvas)).getByRole('status')).toHaveTextContent(
      'The lead was not rejected: fix the marked fields.',
    );
    await expect(storyWrites(id)).toHaveLength(0);
    await expect(args.onSubmitted).not.toHaveBeenCalled();
  },
};

/** The whole flow by keyboard alone: Tab to the reasons, arrows to "Competitor", Tab, type, Enter. */
export const KeyboardOnly: Story = {
  play: async ({ canvas, id, args }) => {
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: 'No ICP fit' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    const competitor = canvas.getByRole('radio', { name: 'Competitor' });
    await expect(competitor).toHaveFocus();
    await expect(competitor).toBeChecked();

    await userEvent.tab();
    const input = canvas.getByRole('textbox', { name: 'Which competitor? (required)' });
    await expect(input).toHaveFocus();
    await userEvent.keyboard('Pipedrive{Enter}');

    const status = within(form(canvas)).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Lead rejected: Competitor.'));
    await expect(form(canvas)).toHaveAttribute('data-state', 'success');
    await expect(storyWrites(id)).toEqual([
      {
        leadId: mqlLead.id,
        disposition: expect.objectContaining({ reasonId: 'competitor', detail: 'Pipedrive', by: 'rep_ava' }),
      },
    ]);
    await expect(args.onSubmitted).toHaveBeenCalledTimes(1);
  },
};

/** The write is in flight: the submit button is `aria-disabled` and a second submit sends nothing. */
export const Loading: Story = {
  parameters: {
    accord: { adapter: () => ({ ...createSampleAdapter(), writeDisposition: () => new Promise<void>(() => {}) }) },
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('radio', { name: 'No budget' }));
    const submit = canvas.getByRole('button', { name: 'Reject lead' });
    await userEvent.click(submit);
    await expect(within(form(canvas)).getByRole('status')).toHaveTextContent('Rejecting the lead…');
    await expect(submit).toHaveAttribute('aria-disabled', 'true');
  },
};

/** No reject reason applies to an opportunity. */
export const Empty: Story = {
  args: { lead: firstLeadIn('opportunity') },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No reject reason applies to this lead in its current stage.')).toBeVisible();
    await expect(canvas.queryByRole('radiogroup')).toBeNull();
  },
};

/** The adapter rejected the write: the message, and Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-rejectpicker--error); this module never uses the global.
export const Error: Story = {
  parameters: { accord: { adapter: 'failing' } },
  play: async ({ canvas, args }) => {
    await userEvent.click(canvas.getByRole('radio', { name: 'No budget' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Reject lead' }));
    const status = within(form(canvas)).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('The rejection was not saved'));
    await expect(status).toHaveTextContent('HTTP 503');
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(args.onError).toHaveBeenCalledTimes(1);
  },
};

/** A lead from the CRM: a HubSpot contact (field names of the HubSpot fixture) mapped to an Accord lead. */
export const FromHubSpot: Story = {
  parameters: { accord: { adapter: 'crm' } },
  args: {
    lead: crmLeads.find((l) =>
      ['mql', 'sal', 'sql'].includes(String(deriveLifecycle(l, defaultAgreement, { now: SAMPLE_NOW }).current)),
    ) as Lead,
  },
  play: async ({ canvas, args }) => {
    await expect(form(canvas)).toHaveAccessibleName(`Reject ${args.lead.company}`);
    await expect(args.lead.id).toMatch(/^hubspot-/);
  },
};

/** The dark theme, with the competitor error showing. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { defaultReasonId: 'competitor' },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Reject lead' }));
    await expect(form(canvas)).toHaveAttribute('data-state', 'invalid');
  },
};

/** The host restyles the form only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  args: { defaultReasonId: 'competitor' },
  play: async ({ canvas }) => {
    await expect(getComputedStyle(form(canvas)).fontFamily).toContain('Georgia');
  },
};

const longAgreement = defineAgreement({
  ...defaultAgreement,
  dispositions: (defaultAgreement.dispositions ?? []).map((d) =>
    d.id !== 'competitor'
      ? d
      : {
          ...d,
          label: 'Competitor, competitor’s reseller or a consultancy that implements a competing product exclusively',
          description:
            'Works for a competitor, is locked into a multi-year contract with one (renewal more than 18 months away), or resells a competing product in the same territory.',
          detail: {
            kind: 'text' as const,
            label: 'Which competitor, reseller or consultancy (legal entity name as registered)?',
            required: true,
          },
        },
  ),
});

/** Long reason labels, descriptions and company names wrap inside the form. */
export const LongText: Story = {
  parameters: { accord: { agreement: longAgreement } },
  args: {
    lead: {
      ...mqlLead,
      company: 'Truebridge Medical Devices & Diagnostics International Holdings (Europe, Middle East and Africa) B.V.',
    },
    defaultReasonId: 'competitor',
  },
  play: async ({ canvas, canvasElement }) => {
    const f = form(canvas);
    await expect(f.scrollWidth).toBeLessThanOrEqual(f.clientWidth);
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left (`ar-EG`): arrows still move between the reasons. */
export const Rtl: Story = {
  ...rtlArabic,
  play: async ({ canvas }) => {
    await expect(getComputedStyle(form(canvas)).direction).toBe('rtl');
    await userEvent.tab();
    await userEvent.keyboard('{ArrowDown}');
    await expect(canvas.getByRole('radio', { name: 'Bad contact data' })).toBeChecked();
  },
};
