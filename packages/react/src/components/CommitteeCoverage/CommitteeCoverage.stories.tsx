import type { Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { accountByCoverage, createPlaysAdapter, playsAgreement, playsData } from '../../_stories/accountPlays';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { expectNoSidewaysScroll, rtlArabic } from '../../_stories/states';
import { CommitteeCoverage } from './CommitteeCoverage';

type Canvas = ReturnType<typeof within>;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const group = (canvas: Canvas) => canvas.findByRole('group', { name: 'Buying committee' }, { timeout: 15_000 });
const roles = async (canvas: Canvas) =>
  within(await canvas.findByRole('list', { name: 'Required roles' }, { timeout: 15_000 }))
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('accord-CommitteeCoverage-role'));

/** A mid-market account with an engaged, a stale and a missing role. */
const mixed = accountByCoverage(
  (c) => c.required === 3 && c.engaged === 1 && c.missing.length > 0 && c.stale.length > 0,
);
/** An enterprise account with contacts in some roles but none engaged. */
const enterprise = accountByCoverage(
  (c, contacts) => c.required === 4 && c.unengaged.length > 0 && contacts.length >= 4,
);
/** A small business whose one required champion is engaged. */
const covered = accountByCoverage((c) => c.required === 1 && c.engaged === 1);

const name = (lead: Lead) => `${String(lead.attributes?.['title'] ?? '')} (${lead.id})`;

const meta = {
  title: 'Widgets/CommitteeCoverage',
  component: CommitteeCoverage,
  tags: ['autodocs'],
  args: { account: mixed.id, renderContact: name },
  parameters: { accord: { agreement: playsAgreement, adapter: () => createPlaysAdapter() } },
  decorators: [narrow('30rem')],
} satisfies Meta<typeof CommitteeCoverage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One engaged role, one gone stale, one missing (no contact holds it): the missing role is written out. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(await group(canvas)).toHaveAttribute('data-state', 'partial');
    const missing = (await roles(canvas)).filter((li) => li.dataset['state'] === 'missing');
    await expect(missing.length).toBeGreaterThan(0);
    await expect(missing[0]).toHaveTextContent('Missing');
    await expect(missing[0]).toHaveTextContent('No contact holds this role.');
    await expect(canvas.getByRole('meter', { name: 'Committee coverage' })).toHaveAttribute('aria-valuenow', '1');
  },
};

/** Every required role engaged. */
export const Covered: Story = {
  args: { account: covered.id },
  play: async ({ canvas }) => {
    await expect(await group(canvas)).toHaveAttribute('data-state', 'covered');
  },
};

/** An enterprise committee of four roles with several contacts, none engaged recently. */
export const Large: Story = {
  args: { account: enterprise.id },
  play: async ({ canvas }) => {
    await expect(await roles(canvas)).toHaveLength(4);
  },
};

/** The records are still loading. */
export const Loading: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading the buying committee…');
  },
};

/** No committee requirement applies to the account (an agreement whose requirements all target a segment). */
export const Empty: Story = {
  args: { account: covered.id },
  parameters: {
    accord: {
      agreement: {
        ...playsAgreement,
        buyingCommittee: playsAgreement.buyingCommittee && {
          ...playsAgreement.buyingCommittee,
          requirements: playsAgreement.buyingCommittee.requirements.filter((r) => r.appliesTo !== undefined),
        },
      },
      adapter: () => createPlaysAdapter(),
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No buying-committee requirement applies to this account.')).toBeVisible();
  },
};

/** An account id the CRM does not know. */
export const NotFound: Story = {
  args: { account: 'A999999' },
  play: async ({ canvas }) => {
    await expect(await group(canvas)).toHaveAttribute('data-state', 'not-found');
  },
};

/** The adapter rejected: an alert with Retry, reachable by keyboard. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-committeecoverage--error); this module never uses the global.
export const Error: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'failing' } },
  play: async ({ canvas, canvasElement }) => {
    const alert = await canvas.findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent('Could not load the buying committee.');
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    while (canvasElement.ownerDocument.activeElement !== retry) await userEvent.tab();
    await expect(retry).toHaveFocus();
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await expect((await group(canvas)).closest('[data-accord-theme="dark"]')).not.toBeNull();
  },
};

/** The host restyles the widget only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async ({ canvas }) => {
    await expect(getComputedStyle(await group(canvas)).fontFamily).toContain('Georgia');
  },
};

/** Hostile and very long account and contact names in a narrow side panel: text, wrapped, never markup. */
export const LongText: Story = {
  args: {
    renderContact: (lead: Lead) =>
      `${HOSTILE} Maximiliane van der Berg-Oppenheimer, ${String(lead.attributes?.['title'] ?? '')}`,
  },
  parameters: {
    accord: {
      agreement: playsAgreement,
      adapter: () =>
        createPlaysAdapter({
          ...playsData,
          accounts: (playsData.accounts ?? []).map((a) =>
            a.id === mixed.id
              ? { ...a, name: `${HOSTILE} Truebridge Medical Devices & Diagnostics International Holdings` }
              : a,
          ),
        }),
    },
  },
  decorators: [narrow('20rem')],
  play: async ({ canvas, canvasElement }) => {
    await expect(await group(canvas)).toHaveTextContent(HOSTILE);
    await expect(canvasElement.querySelector('img')).toBeNull();
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left (`ar-EG`). */
export const Rtl: Story = {
  ...rtlArabic,
  parameters: {
    accord: { ...rtlArabic.parameters.accord, agreement: playsAgreement, adapter: () => createPlaysAdapter() },
  },
  play: async ({ canvas }) => {
    await expect(getComputedStyle(await group(canvas)).direction).toBe('rtl');
  },
};
