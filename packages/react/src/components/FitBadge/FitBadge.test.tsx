import { createMemoryAdapter } from '@accord/adapters';
import {
  type Activity,
  type Agreement,
  defaultAgreement,
  generateSample,
  type Lead,
  parseAgreement,
  sampleIcp,
  scoreLead,
} from '@accord/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { failingAdapter, HOSTILE } from '../../_test/chartData';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord, TEST_NOW } from '../../_test/renderWithAccord';
import { AccordProvider } from '../../provider/AccordProvider';
import type { AccordAdapter } from '../../provider/adapter.types';
import { FitBadge } from './FitBadge';

const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp });
const sample = generateSample({ leads: 300, seed: 4 });
const NOW = Date.parse(sample.asOf);
/** A lead that matches some ICP criteria but not all, with activity. */
const lead = sample.leads.find((l) => {
  const s = scoreLead(l, sample.activities, agreement, { now: NOW, touchpoints: sample.touchpoints });
  return s.fit.score > 0 && s.fit.score < 100 && s.engagement.score > 0;
}) as Lead;
const activities = sample.activities.filter((a) => a.leadId === lead.id);
const touchpoints = sample.touchpoints.filter((t) => t.leadId === lead.id);
const expected = scoreLead(lead, activities, agreement, { now: NOW, touchpoints });
const tierText = expected.fit.tier === 'none' ? 'No tier' : `Tier ${expected.fit.tier}`;

const rootOf = (container: HTMLElement) => container.querySelector('.accord-FitBadge') as HTMLElement;

function renderBadge(
  ui = <FitBadge lead={lead} activities={activities} touchpoints={touchpoints} now={NOW} />,
  a: Agreement = agreement,
) {
  return renderWithAccord(ui, { agreement: a });
}

describe('FitBadge', () => {
  it("shows scoreLead's tier and fit score, and names the engagement", () => {
    const { container } = renderBadge();
    const badge = screen.getByRole('button');
    expect(rootOf(container).dataset['state']).toBe('scored');
    expect(rootOf(container).dataset['tier']).toBe(expected.fit.tier);
    const fmt = (n: number) => n.toFixed(1).replace(/\.0$/, '');
    // The name is the content (visible tier and score, the rest visually hidden), never an aria-label.
    expect(badge.hasAttribute('aria-label')).toBe(false);
    expect(badge.textContent).toBe(
      `ICP fit: ${tierText} ${fmt(expected.fit.score)} of 100, engagement ${fmt(expected.engagement.score)}`,
    );
    expect([...badge.querySelectorAll('span:not(.accord-VisuallyHidden)')].map((el) => el.textContent).join(' ')).toBe(
      `${tierText} ${fmt(expected.fit.score)}`,
    );
  });

  it('opens the explanation on keyboard focus, lists every criterion and signal, and closes on Escape', async () => {
    const user = userEvent.setup();
    const { container } = renderBadge();
    const tooltip = screen.getByRole('tooltip', { hidden: true });
    expect(tooltip.hidden).toBe(true);
    await user.tab();
    const badge = screen.getByRole('button');
    expect(document.activeElement).toBe(badge);
    expect(tooltip.hidden).toBe(false);
    expect(badge.getAttribute('aria-describedby')).toBe(tooltip.id);
    const criteria = within(within(tooltip).getByRole('list', { name: 'ICP criteria' })).getAllByRole('listitem');
    expect(criteria.map((li) => li.dataset['state'])).toEqual(
      expected.fit.reasons.map((r) => (r.matched ? 'matched' : 'unmatched')),
    );
    for (const [i, r] of expected.fit.reasons.entries()) {
      const item = criteria[i] as HTMLElement;
      expect(item.textContent).toContain(r.label);
      expect(item.textContent).toContain(r.matched ? 'Matched: ' : 'Not matched: ');
      expect(item.textContent).toContain(r.matched ? `+${r.points} pts` : `0 of ${r.weight}`);
      expect(item.textContent).toContain(r.detail);
    }
    const signals = within(within(tooltip).getByRole('list', { name: 'Intent signals' })).getAllByRole('listitem');
    expect(signals.map((li) => li.textContent)).toEqual(
      expected.engagement.reasons.map((r) => expect.stringContaining(r.detail)),
    );
    await expectNoAxeViolations(container);
    await user.keyboard('{Escape}');
    expect(tooltip.hidden).toBe(true);
    expect(document.activeElement).toBe(badge);
    await user.tab();
    expect(document.activeElement).toBe(document.body);
  });

  it('opens on hover and closes when the pointer leaves', async () => {
    const user = userEvent.setup();
    renderBadge();
    const tooltip = screen.getByRole('tooltip', { hidden: true });
    await user.hover(screen.getByRole('button'));
    expect(tooltip.hidden).toBe(false);
    await user.unhover(screen.getByRole('button'));
    expect(tooltip.hidden).toBe(true);
  });

  it('toggles the explanation with Enter, and a tap opens it', async () => {
    const user = userEvent.setup();
    renderBadge(<FitBadge score={expected} />);
    const tooltip = screen.getByRole('tooltip', { hidden: true });
    const badge = screen.getByRole('button');
    // A tap: pointerdown, then hover and focus open it, then the click must not close it again.
    await user.pointer({ keys: '[TouchA]', target: badge });
    expect(tooltip.hidden).toBe(false);
    await user.keyboard('{Enter}');
    expect(tooltip.hidden).toBe(true);
    await user.keyboard('{Enter}');
    expect(tooltip.hidden).toBe(false);
  });

  it('shows a precomputed score without an adapter or any QueryClient', () => {
    render(
      <AccordProvider agreement={agreement} clock={() => TEST_NOW}>
        <FitBadge score={expected} />
      </AccordProvider>,
    );
    expect(screen.getByRole('button').textContent).toContain(tierText);
  });

  it("loads the lead's activities and touchpoints from the adapter when they are not given", async () => {
    const adapter = createMemoryAdapter(
      { leads: sample.leads, activities: sample.activities, touchpoints: sample.touchpoints },
      { agreement: defaultAgreement },
    ) as AccordAdapter;
    const { container } = renderWithAccord(<FitBadge lead={lead} now={NOW} />, { agreement, adapter });
    expect(rootOf(container).dataset['state']).toBe('loading');
    expect(screen.getByRole('button').getAttribute('aria-busy')).toBe('true');
    await expectNoAxeViolations(container);
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('scored'));
    expect(screen.getByRole('button').textContent).toContain(
      `engagement ${expected.engagement.score.toFixed(1).replace(/\.0$/, '')}`,
    );
  });

  it('scores at the provider clock when no now is given', () => {
    const { container } = renderWithAccord(<FitBadge lead={lead} activities={activities} touchpoints={touchpoints} />, {
      agreement,
      clock: () => NOW,
    });
    expect(rootOf(container).dataset['tier']).toBe(expected.fit.tier);
    expect(screen.getByRole('button').textContent).toContain(
      `engagement ${expected.engagement.score.toFixed(1).replace(/\.0$/, '')}`,
    );
  });

  it('shows the error state when the events cannot load', async () => {
    const { container } = renderWithAccord(<FitBadge lead={lead} />, {
      agreement,
      adapter: failingAdapter('reject').adapter,
    });
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('error'));
    expect(screen.getByRole('button').textContent).toBe('ICP fit: Fit unavailable');
    expect(screen.getByRole('tooltip', { hidden: true }).textContent).toContain('unreachable');
    await expectNoAxeViolations(container);
  });

  it('shows the error state when scoring fails (an invalid now)', () => {
    const { container } = renderBadge(
      <FitBadge lead={lead} activities={activities} touchpoints={touchpoints} now="yesterday" />,
    );
    expect(rootOf(container).dataset['state']).toBe('error');
  });

  it('says so when the agreement defines no ICP', async () => {
    const user = userEvent.setup();
    const { container } = renderBadge(
      <FitBadge lead={lead} activities={activities} touchpoints={touchpoints} now={NOW} />,
      defaultAgreement,
    );
    expect(rootOf(container).dataset['state']).toBe('unscored');
    expect(screen.getByRole('button').textContent).toBe('ICP fit: No ICP');
    await user.tab();
    expect(screen.getByRole('tooltip').textContent).toContain('no ideal customer profile');
    await expectNoAxeViolations(container);
  });

  it('mentions the uncapped engagement when the cap applied', async () => {
    const user = userEvent.setup();
    const many: Activity[] = Array.from({ length: 12 }, (_, i) => ({
      id: `act_${i}`,
      leadId: lead.id,
      type: 'meeting',
      at: new Date(NOW - i * 3_600_000).toISOString(),
    }));
    const score = scoreLead(lead, many, agreement, { now: NOW, touchpoints });
    expect(score.engagement.uncapped).toBeGreaterThan(score.engagement.score);
    renderBadge(<FitBadge lead={lead} activities={many} touchpoints={touchpoints} now={NOW} />);
    await user.tab();
    expect(screen.getByRole('tooltip').textContent).toContain(`before the cap`);
  });

  it('renders hostile criterion labels and details as text and creates no elements from them', async () => {
    const user = userEvent.setup();
    const hostile = parseAgreement({
      ...defaultAgreement,
      icp: {
        ...sampleIcp.icp,
        criteria: sampleIcp.icp.criteria.map((c, i) => (i === 0 ? { ...c, label: HOSTILE } : c)),
      },
      intent: {
        ...sampleIcp.intent,
        signals: sampleIcp.intent.signals.map((s, i) => (i === 0 ? { ...s, label: HOSTILE } : s)),
      },
    });
    const { container } = renderBadge(
      <FitBadge lead={{ ...lead, company: HOSTILE }} activities={activities} touchpoints={touchpoints} now={NOW} />,
      hostile,
    );
    await user.tab();
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(within(screen.getByRole('tooltip')).getAllByText(HOSTILE).length).toBe(2);
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className and DOM props onto the root', () => {
    const ref = createRef<HTMLSpanElement>();
    renderBadge(<FitBadge ref={ref} score={expected} className="host" data-testid="fit" />);
    const root = screen.getByTestId('fit');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-FitBadge host');
  });

  it('can be controlled through open and onOpenChange', async () => {
    const user = userEvent.setup();
    const calls: boolean[] = [];
    renderBadge(<FitBadge score={expected} open onOpenChange={(o) => calls.push(o)} />);
    expect(screen.getByRole('tooltip').hidden).toBe(false);
    await user.keyboard('{Escape}');
    expect(calls).toEqual([false]);
    expect(screen.getByRole('tooltip').hidden).toBe(false);
  });
});
