import type { DeltaClass } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { marketingClaimsFor, syntheticReconciliation } from '../_stories/reconciliation';
import { sample } from '../_stories/sample';
import { emptyStory, errorStory, loadingStory, rtlArabic } from '../_stories/states';
import { type UseReconciliationOptions, useReconciliation } from './useReconciliation';

const money = (minor: number) => `${(minor / 100).toLocaleString('en-US')} USD`;

/** Minimal host markup over useReconciliation: a kind select, the bridge as buttons, and the selected class's claims. */
function ReconciliationList(props: UseReconciliationOptions): ReactElement {
  const r = useReconciliation(props);
  if (r.state === 'loading') return <p role="status">Loading the reconciliation…</p>;
  if (r.state === 'error') return <p role="alert">Reconciliation unavailable: {r.error?.message}</p>;
  if (r.state === 'empty') return <p>No claims.</p>;
  const first = r.selectedClaims.slice(0, 20);
  return (
    <div>
      <label>
        Claims{' '}
        <select value={r.kind} onChange={(e) => r.setKind(e.target.value as typeof r.kind)}>
          {r.kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <ol aria-label="Bridge">
        {r.steps.map((s) =>
          s.type === 'total' ? (
            <li key={s.id}>
              {s.label}: {money(s.value)}
            </li>
          ) : (
            <li key={s.id}>
              <button {...r.getClassButtonProps(s.id as DeltaClass)}>
                {s.label}: {money(s.value)} ({s.claims} claims)
              </button>
            </li>
          ),
        )}
      </ol>
      {r.selectedClass === null ? null : (
        <ul id={r.drillId} aria-label={`Claims in ${r.labelOf(r.selectedClass)}`}>
          {first.map((c) => (
            <li key={c.claimId}>
              <button {...r.getExpandButtonProps(c.claimId)}>
                <bdi>{c.claimId}</bdi>
              </button>{' '}
              {money(r.changeOf(c, r.selectedClass as DeltaClass))}
              {r.isExpanded(c.claimId) ? (
                <ul id={r.detailIdOf(c.claimId)} aria-label={`Deltas of ${c.claimId}`}>
                  {r.classes
                    .filter((k) => r.changeOf(c, k) !== 0)
                    .map((k) => (
                      <li key={k}>
                        {r.labelOf(k)}: {money(r.changeOf(c, k))}
                      </li>
                    ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Selects a class by keyboard and expands its first claim by keyboard. */
async function selectAndExpand(canvas: ReturnType<typeof within>, canvasElement: HTMLElement, name: RegExp) {
  const bridge = await canvas.findByRole('list', { name: 'Bridge' }, { timeout: 15_000 });
  const button = within(bridge).getByRole('button', { name });
  while (canvasElement.ownerDocument.activeElement !== button) await userEvent.tab();
  await userEvent.keyboard('{Enter}');
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const list = canvas.getByRole('list', { name: /^Claims in / });
  const expand = within(list).getAllByRole('button')[0] as HTMLElement;
  while (canvasElement.ownerDocument.activeElement !== expand) await userEvent.tab();
  await userEvent.keyboard(' ');
  await expect(expand).toHaveAttribute('aria-expanded', 'true');
  await expect(canvas.getByRole('list', { name: /^Deltas of / })).toBeVisible();
}

const meta = {
  title: 'Hooks/useReconciliation',
  component: ReconciliationList,
  tags: ['autodocs'],
  args: { claims: marketingClaimsFor(sample.opportunities), from: '2026-03-01T00:00:00Z' },
  argTypes: { claims: { control: false }, data: { control: false } },
} satisfies Meta<typeof ReconciliationList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The sample's deals against Marketing's claims; a class chosen by keyboard, a claim expanded. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await selectAndExpand(canvas, canvasElement, /^Unmatched opportunity/);
  },
};

/** Loading. */
export const Loading: Story = loadingStory('Loading the reconciliation…');

/** No claims. */
export const Empty: Story = { args: { claims: [] }, ...emptyStory('No claims.') };

/** The adapter rejected. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error; this module never uses the global.
export const Error: Story = errorStory('HTTP 503');

/** 5,000 claims computed elsewhere, passed as `data` (no adapter needed). */
export const Large: Story = {
  args: { data: syntheticReconciliation(5_000, { seed: 5 }), claims: undefined },
  play: async ({ canvas, canvasElement }) => {
    await selectAndExpand(canvas, canvasElement, /^Outside window/);
  },
};

/** Right to left. */
export const Rtl: Story = {
  ...rtlArabic,
  play: async ({ canvas, canvasElement }) => {
    await selectAndExpand(canvas, canvasElement, /^Unmatched opportunity/);
  },
};
