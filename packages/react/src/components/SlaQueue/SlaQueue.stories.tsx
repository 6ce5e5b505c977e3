import type { Lead } from '@accord/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createStoryAdapter } from '../../_stories/adapters';
import { hostOverrides, narrow } from '../../_stories/decorators';
import { OPEN_MQLS_NOW } from '../../_stories/openMqls';
import { storyRuntime } from '../../_stories/StoryRoot';
import { sample } from '../../_stories/sample';
import { warningAt, warningCounts, warningEntry, warningLeads } from '../../_stories/slaQueue';
import { emptyStory, errorStory, expectNoSidewaysScroll, loadingStory, rtlArabic } from '../../_stories/states';
import { SlaQueue } from './SlaQueue';

/** The grid, once the queue has loaded. */
async function loadedGrid(canvas: ReturnType<typeof within>) {
  return canvas.findByRole('grid', { name: 'SLA queue' }, { timeout: 15_000 });
}

/** The rendered row of one clock (company + SLA label). */
function rowOf(grid: HTMLElement, company: string, slaLabel: string): HTMLElement | undefined {
  return within(grid)
    .queryAllByRole('row')
    .find((r) => r.textContent?.includes(company) && r.textContent.includes(slaLabel));
}

/** The header's "Open clocks by state" list as `{ breached, warning, ok, paused }` texts. */
function countsText(canvas: ReturnType<typeof within>): string {
  return canvas.getByRole('list', { name: 'Open clocks by state' }).textContent ?? '';
}

const warningCompany = warningEntry.lead.company ?? warningEntry.lead.name;

const meta = {
  title: 'Widgets/SlaQueue',
  component: SlaQueue,
  tags: ['autodocs'],
  args: { onOpenLead: fn() },
  parameters: { accord: { adapter: 'sample' } },
} satisfies Meta<typeof SlaQueue>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The seeded sample (500 leads, seed 1) at its export instant: 56 open clocks, most overdue. The grid
 * works by keyboard: arrows move the active row, Enter opens the lead.
 */
export const Default: Story = {
  play: async ({ canvas, args }) => {
    const grid = await loadedGrid(canvas);
    await expect(grid).toHaveAttribute('aria-rowcount', '57');
    await expect(countsText(canvas)).toBe('52 Breached1 Warning3 On time0 Paused');
    grid.focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const active = grid.querySelector('[data-active]');
    await expect(grid).toHaveAttribute('aria-activedescendant', active?.id);
    await expect(active).toHaveAttribute('aria-rowindex', '4');
    await userEvent.keyboard('{Enter}');
    await expect(args.onOpenLead).toHaveBeenCalledTimes(1);
  },
};

/** The adapter has not answered yet: a skeleton with a polite status, `aria-busy`. */
export const Loading: Story = loadingStory('Loading the SLA queue…', async ({ canvasElement }) => {
  await expect(canvasElement.querySelector('.accord-SlaQueue')).toHaveAttribute('aria-busy', 'true');
});

/** No lead has an open clock. */
export const Empty: Story = emptyStory('No open SLA clocks');

/** The adapter rejected: an alert with Retry. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the story must be named Error (id widgets-slaqueue--error); this module never uses the global.
export const Error: Story = errorStory('The SLA queue could not be loaded.', async (alert) => {
  await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
});

/** 10,000 MQLs with open clocks: the grid is virtualised, so only the rows on screen are in the DOM. */
export const Large: Story = {
  parameters: { accord: { adapter: 'large', clock: OPEN_MQLS_NOW } },
  play: async ({ canvas }) => {
    const grid = await loadedGrid(canvas);
    await expect(Number(grid.getAttribute('aria-rowcount'))).toBeGreaterThan(10_000);
    await expect(within(grid).getAllByRole('row').length).toBeLessThan(40);
  },
};

/**
 * Six fresh MQLs on a Wednesday morning in New York. The play function moves the story's manual clock
 * to the instant the first clock passes its warning: the row turns to "Warning", the counts move, and
 * the queue filtered to "On time" loses the row while the one filtered to "Warning" gains it.
 */
export const Warning: Story = {
  parameters: {
    accord: { adapter: () => createStoryAdapter({ leads: warningLeads }, 'story-warning'), clock: OPEN_MQLS_NOW },
  },
  play: async ({ canvas, id }) => {
    const grid = await loadedGrid(canvas);
    const { before, after } = warningCounts;
    await expect(countsText(canvas)).toBe(
      `${before.breached} Breached${before.warning} Warning${before.ok} On time${before.paused} Paused`,
    );
    const row = rowOf(grid, warningCompany, warningEntry.label);
    await expect(row).toHaveAttribute('data-state', 'ok');
    await expect(within(row as HTMLElement).getByText('On time')).toBeVisible();

    // Only the clocks on time: the clock about to warn is among them.
    const stateFilter = canvas.getByRole('combobox', { name: 'State' });
    await userEvent.selectOptions(stateFilter, 'ok');
    await expect(rowOf(grid, warningCompany, warningEntry.label)).toBeDefined();

    storyRuntime(id).clock.set(warningAt);

    await waitFor(() => expect(rowOf(grid, warningCompany, warningEntry.label)).toBeUndefined());
    await expect(countsText(canvas)).toBe(
      `${after.breached} Breached${after.warning} Warning${after.ok} On time${after.paused} Paused`,
    );
    await expect(grid).toHaveAttribute('aria-rowcount', String(after.ok + 1));

    await userEvent.selectOptions(stateFilter, 'warning');
    const warned = rowOf(grid, warningCompany, warningEntry.label);
    await expect(warned).toHaveAttribute('data-state', 'warning');
    await expect(within(warned as HTMLElement).getByText('Warning')).toBeVisible();
    await expect(grid).toHaveAttribute('aria-rowcount', String(after.warning + 1));
  },
};

/** Every clock overdue (a week later): escalation badges show the step due. */
export const Breached: Story = {
  parameters: {
    accord: {
      adapter: () => createStoryAdapter({ leads: warningLeads }, 'story-breached'),
      clock: OPEN_MQLS_NOW + 7 * 24 * 3_600_000,
    },
  },
  args: { defaultFilters: { state: 'breached' } },
  play: async ({ canvas }) => {
    const grid = await loadedGrid(canvas);
    const rows = within(grid).getAllByRole('row').slice(1);
    await expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) await expect(r).toHaveAttribute('data-state', 'breached');
    await expect(within(grid).getAllByText(/^Step \d: /).length).toBeGreaterThan(0);
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    const grid = await loadedGrid(canvas);
    await expect(grid.closest('[data-accord-theme="dark"]')).not.toBeNull();
  },
};

/** The host restyles the queue only through `--accord-*` variables on a wrapper (`.sb-host-overrides`). */
export const HostOverrides: Story = {
  decorators: [hostOverrides],
  play: async ({ canvas }) => {
    const grid = await loadedGrid(canvas);
    await expect(getComputedStyle(grid).fontFamily).toContain('Georgia');
  },
};

const longLeads: Lead[] = sample.leads.slice(0, 60).map((l, i) =>
  i % 3 === 0
    ? {
        ...l,
        company: `${l.company} Medical Devices & Diagnostics International Holdings (Europe, Middle East and Africa) B.V.`,
        ownerId: 'rep_maximiliane.vanderberg-oppenheimer@emea.sales.example',
      }
    : l,
);

/** Long company names and owner ids wrap or truncate inside their cells; the page never scrolls sideways. */
export const LongText: Story = {
  parameters: { accord: { adapter: () => createStoryAdapter({ leads: longLeads, activities: sample.activities }) } },
  decorators: [narrow('44rem')],
  play: async ({ canvas, canvasElement }) => {
    await loadedGrid(canvas);
    await expectNoSidewaysScroll(canvasElement);
  },
};

/** Right to left, with Arabic (Egypt) numbers: `dir="rtl"` and the `ar-EG` locale. */
export const Rtl: Story = {
  ...rtlArabic,
  play: async ({ canvas }) => {
    const grid = await loadedGrid(canvas);
    await expect(getComputedStyle(grid).direction).toBe('rtl');
    await expect(countsText(canvas)).toContain('٥٢');
  },
};
