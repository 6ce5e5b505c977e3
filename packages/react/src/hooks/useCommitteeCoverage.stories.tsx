import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, within } from 'storybook/test';
import { accountByCoverage, createPlaysAdapter, playsAgreement } from '../_stories/accountPlays';
import { type UseCommitteeCoverageOptions, useCommitteeCoverage } from './useCommitteeCoverage';

interface CoverageProps extends UseCommitteeCoverageOptions {
  account: string;
}

/** Minimal host markup over useCommitteeCoverage: the summary and one line per role. */
function Coverage({ account, ...options }: CoverageProps): ReactElement {
  const c = useCommitteeCoverage(account, options);
  if (c.state === 'loading') return <p role="status">Loading the committee…</p>;
  if (c.state === 'error') return <p role="alert">Committee unavailable: {c.error?.message}</p>;
  if (c.state === 'not-found') return <p>Unknown account.</p>;
  return (
    <section aria-label="Committee">
      <p>{c.summary ?? 'No committee requirement.'}</p>
      <ul aria-label="Roles">
        {c.rows.map((r) => (
          <li key={r.roleId} data-state={r.state}>
            {r.label}: {r.stateText} ({r.contactIds.length} contacts)
          </li>
        ))}
      </ul>
    </section>
  );
}

const meta = {
  title: 'Hooks/useCommitteeCoverage',
  component: Coverage,
  tags: ['autodocs'],
  args: { account: accountByCoverage((c) => c.required === 3 && c.missing.length > 0).id },
  parameters: { accord: { agreement: playsAgreement, adapter: () => createPlaysAdapter() } },
} satisfies Meta<typeof Coverage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A mid-market committee with a missing role. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const roles = await canvas.findByRole('list', { name: 'Roles' }, { timeout: 15_000 });
    await expect(within(roles).getAllByText(/: Missing/).length).toBeGreaterThan(0);
  },
};

/** The adapter rejected. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = {
  parameters: { accord: { agreement: playsAgreement, adapter: 'failing' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Committee unavailable');
  },
};
