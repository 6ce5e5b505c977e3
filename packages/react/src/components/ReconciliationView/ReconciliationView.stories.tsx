import type { Reconciliation } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { handReconciliation, marketingClaimsFor, syntheticReconciliation } from '../../_stories/reconciliation';
import { sample } from '../../_stories/sample';
import { emptyStory, errorStory, expectNoSidewaysScroll, loadingStory, rtlArabic } from '../../_stories/states';
import { ReconciliationView } from './ReconciliationView';

// Until the lead adds it to styles.css (which the Storybook preview imports).

type Canvas = ReturnType<typeof within>;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** Marketing's dashboard over the seeded sample's deals (with its usual slips), reconciled by the core. */
const claims = marketingClaimsFor(sample.opportunities);

const chart = (canvas: Canvas) => canvas.findByRole('img', { name: /^Reconciliation bridge/ }, { timeout: 15_000 });
const bridge = (canvas: Canvas) => canvas.getByRole('list', { name: 'Bridge from claimed to matched' });

/** Tabs until `target` has focus: the class buttons and rows are reached by keyboard alone. */
async function tabTo(canvasElement: HTMLElement, target: HTMLElement) {
  for (let i = 0; i < 60 && canvasElement.ownerDocument.activeElement !== target; i++) await userEvent.tab();
  await expect(canvasElement.ownerDocument.activeElement).toBe(target);
}

/** Selects the named delta class by keyboard, checks its claims are listed, and expands the first by keyboard. */
async function drillInto(canvas: Canvas, canvasElement: HTMLElement, name: RegExp) {
  await chart(canvas);
  const button = within(bridge(canvas)).getByRole('button', { name });
  await tabTo(canvasElement, button);
  await userEvent.keyboard('{Enter}');
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const drill = canvasElement.ownerDocument.getElementById(button.getAttribute('aria-controls') ?? '') as HTMLElement;
  const table = within(drill).getByRole('table');
  await expect(table).toBeVisible();
  const expand = within(table).getAllByRole('button', { expanded: false })[0] as HTMLElement;
  await tabTo(canvasElement, expand);
  await userEvent.keyboard('{Enter}');
  await expect(expand).toHaveAttribute('aria-expanded', 'true');
  const detail = canvasElement.ownerDocument.getElementById(expand.getAttribute('aria-controls') ?? '') as HTMLElement;
  await expect(detail).toBeVisible();
  await expect(detail).toHaveTextContent(/Claimed.*Matched/);
  return { button, table, detail };
}

const meta = {
  title: 'Widgets/ReconciliationView',
  component: ReconciliationView,
  tags: ['autodocs'],
  // The period reconciled: deals created since March (earlier deals Marketing counts are stage drift).
  args: { claims, from: '2026-03-01T00:00:00Z' },
  argTypes: { claims: { control: false }, data: { control: false } },
  decorators: [narrow('60rem')],
} satisfies Meta<typeof ReconciliationView>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The sample's deals against Marketing's claims: the bridge from claimed to matched; "Unmatched
 * opportunity" chosen by keyboard lists its claim, whose row expands to every delta.
 */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await drillInto(canvas, canvasElement, /^Unmatched opportunity −\$[\d,]+ 1 claim$/);
  },
};

/** The adapter has not answered yet. */
export const Loading: Story = loadingStory('Loading the reconciliation…');

/** Marketing reported nothing. */
export const Empty: Story = { args: { claims: [] }, ...emptyStory('No marketing claims to reconcile.') };

/** The adapter rejected: an alert with Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-reconciliationview--error); this module never uses the global.
export const Error: Story = errorStory('Could not load the reconciliation.', async (alert) => {
  await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
});

const large = syntheticReconciliation(5_000, { seed: 11 });

/**
 * 5,000 claims (computed elsewhere, passed as `data`): the drill-down renders only the rows in view;
 * the row count is still announced in full.
 */
export const Large: Story = {
  args: { data: large, claims: undefined },
  play: async ({ canvas, canvasElement }) => {
    const { table } = await drillInto(canvas, canvasElement, /^Different model/);
    const inClass = large.claims.filter((c) => (c.deltas.different_model ?? 0) !== 0).length;
    await expect(table).toHaveAttribute('aria-rowcount', String(inClass + 2));
    await expect(table.querySelectorAll('tbody.accord-ReconciliationView-claim').length).toBeLessThan(60);
    const scroller = table.closest('[role="region"]') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() =>
      expect(within(table).getAllByRole('row').at(-1)).toHaveAttribute('aria-rowindex', String(inClass + 2)),
    );
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas, canvasElement }) => {
    await drillInto(canvas, canvasElement, /^Unmatched opportunity/);
  },
};

/** The host restyles the widget only through `--accord-*` variables on a wrapper. */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async ({ canvas, canvasElement }) => {
    await drillInto(canvas, canvasElement, /^Unmatched opportunity/);
  },
};

const LONG = 'Q3-EMEA-partner-co-marketing-webinar-series-with-regional-resellers-and-analyst-relations-FY2026';
const longText: Reconciliation = {
  ...handReconciliation,
  claims: handReconciliation.claims.map((c, i) =>
    i === 1
      ? { ...c, claimId: HOSTILE, opportunityId: HOSTILE, reasons: [`${HOSTILE} ${LONG}`, LONG] }
      : { ...c, claimId: `${c.claimId}-${LONG}` },
  ),
  unclaimed: [...handReconciliation.unclaimed, { opportunityId: `${HOSTILE}${LONG}`, amount: 123_456_700 }],
};

/** Long and hostile claim ids, opportunity ids and reasons in a narrow column: text only, no sideways scroll. */
export const LongText: Story = {
  args: { data: longText, claims: undefined, label: `Reconciliation of ${LONG}` },
  decorators: [narrow('24rem')],
  play: async ({ canvas, canvasElement }) => {
    const { detail } = await drillInto(canvas, canvasElement, /^Unmatched opportunity/);
    await expect(detail).toHaveTextContent(HOSTILE);
    await expect(canvasElement.querySelector('img')).toBeNull();
    await expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left with Arabic (Egypt) numbers. */
export const Rtl: Story = {
  ...rtlArabic,
  play: async ({ canvas, canvasElement }) => {
    const svg = await chart(canvas);
    await expect(getComputedStyle(svg.closest('.accord-ReconciliationView') as Element).direction).toBe('rtl');
    const { table } = await drillInto(canvas, canvasElement, /^Unmatched opportunity/);
    await expect(table).toHaveTextContent(/[٠-٩]/);
  },
};
