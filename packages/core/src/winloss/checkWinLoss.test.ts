import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Opportunity } from '../records/records.types';
import { checkWinLoss } from './checkWinLoss';
import { sampleWinLoss } from './sampleWinLoss';

const agreement: Agreement = {
  ...defaultAgreement,
  winLoss: {
    ...sampleWinLoss.winLoss,
    lossReasons: [
      ...sampleWinLoss.winLoss.lossReasons,
      {
        id: 'budget_cut',
        label: 'Budget cut',
        category: 'price',
        detail: { kind: 'choice', label: 'Which budget?', required: true, options: ['capex', 'opex'] },
      },
    ],
  },
};

const deal = (id: string, over: Partial<Opportunity> = {}): Opportunity => ({
  id,
  createdAt: '2026-03-01T12:00:00Z',
  stage: 'closed_lost',
  amount: 1_000_00,
  currency: 'USD',
  closedAt: '2026-04-01T12:00:00Z',
  won: false,
  ...over,
});

const codes = (deals: Opportunity[], a: Agreement = agreement) =>
  checkWinLoss(deals, a).map(({ code, path }) => ({ code, path }));

describe('checkWinLoss', () => {
  it('returns no issues for clean deals, including a lost deal without a reason', () => {
    const deals = [
      deal('O1', { loss: { reasonId: 'competitor', detail: 'Globex' }, themes: ['pricing_model', 'integration'] }),
      deal('O2', { loss: { reasonId: 'no_decision' } }),
      deal('O3', { loss: { reasonId: 'timing' } }), // its date detail is optional
      deal('O4', { loss: { reasonId: 'timing', detail: '2026-10-01' } }),
      deal('O5'), // lost without a reason: counted as "unspecified", not an issue
      deal('O6', { stage: 'closed_won', won: true, themes: ['security_review'] }),
      deal('O7', { stage: 'opportunity', won: undefined, closedAt: undefined }),
    ];
    expect(checkWinLoss(deals, agreement)).toEqual([]);
  });

  it('reports a loss reason outside the catalog, at loss.reasonId, with the known ids', () => {
    const [issue, ...rest] = checkWinLoss([deal('O1'), deal('O2', { loss: { reasonId: 'too_expensive' } })], agreement);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: 'unknown_loss_reason',
      path: ['opportunities', 1, 'loss', 'reasonId'],
      reasonId: 'too_expensive',
      known: ['no_decision', 'competitor', 'price', 'timing', 'product_gap', 'other', 'budget_cut'],
    });
    expect(issue?.message).toBe(
      'Unknown loss reason "too_expensive"; the agreement\'s loss reasons are "no_decision", "competitor", "price", "timing", "product_gap", "other", "budget_cut".',
    );
  });

  it('reports every loss reason as unknown when the agreement has no winLoss section', () => {
    const [issue] = checkWinLoss([deal('O1', { loss: { reasonId: 'price' } })], defaultAgreement);
    expect(issue).toMatchObject({
      code: 'unknown_loss_reason',
      path: ['opportunities', 0, 'loss', 'reasonId'],
      known: [],
    });
    expect(issue?.message).toMatch(/defines none: add them under "winLoss.lossReasons"/);
  });

  it('reports a loss reason on a won deal, from the won flag or from a won stage', () => {
    const deals = [
      deal('O1', { stage: 'closed_won', won: true, loss: { reasonId: 'price' } }),
      deal('O2', { stage: 'closed_won', won: undefined, loss: { reasonId: 'competitor' } }), // no detail: not checked
    ];
    const issues = checkWinLoss(deals, agreement);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'loss_reason_on_won', path: ['opportunities', 0, 'loss', 'reasonId'] },
      { code: 'loss_reason_on_won', path: ['opportunities', 1, 'loss', 'reasonId'] },
    ]);
    expect(issues[0]).toMatchObject({ opportunityId: 'O1', reasonId: 'price' });
    expect(issues[0]?.message).toBe(
      'Opportunity "O1" is won but carries the loss reason "price": remove the reason or correct "won".',
    );
  });

  it('reports both a won deal carrying a reason and that reason being unknown', () => {
    expect(codes([deal('O1', { won: true, loss: { reasonId: 'nope' } })])).toEqual([
      { code: 'loss_reason_on_won', path: ['opportunities', 0, 'loss', 'reasonId'] },
      { code: 'unknown_loss_reason', path: ['opportunities', 0, 'loss', 'reasonId'] },
    ]);
  });

  it('reports a missing required detail (blank counts as missing) at loss.detail', () => {
    const issues = checkWinLoss(
      [
        deal('O1', { loss: { reasonId: 'competitor' } }),
        deal('O2', { loss: { reasonId: 'product_gap', detail: '  ' } }),
      ],
      agreement,
    );
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'detail_required', path: ['opportunities', 0, 'loss', 'detail'] },
      { code: 'detail_required', path: ['opportunities', 1, 'loss', 'detail'] },
    ]);
    expect(issues[0]).toMatchObject({ reasonId: 'competitor', label: 'Which competitor won?' });
    expect(issues[0]?.message).toBe('Reason "competitor" needs a detail: Which competitor won?');
  });

  it('reports a date detail that is not a real YYYY-MM-DD date', () => {
    const issues = checkWinLoss(
      [
        deal('O1', { loss: { reasonId: 'timing', detail: 'next spring' } }),
        deal('O2', { loss: { reasonId: 'timing', detail: '2026-02-30' } }),
      ],
      agreement,
    );
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'invalid_detail', path: ['opportunities', 0, 'loss', 'detail'] },
      { code: 'invalid_detail', path: ['opportunities', 1, 'loss', 'detail'] },
    ]);
    expect(issues[0]?.message).toBe('The detail of reason "timing" must be a date as YYYY-MM-DD.');
  });

  it('reports a choice detail outside its options, and accepts one inside', () => {
    const issues = checkWinLoss(
      [
        deal('O1', { loss: { reasonId: 'budget_cut', detail: 'travel' } }),
        deal('O2', { loss: { reasonId: 'budget_cut', detail: 'opex' } }),
      ],
      agreement,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'invalid_detail',
      path: ['opportunities', 0, 'loss', 'detail'],
      expected: 'one of "capex", "opex"',
    });
  });

  it('reports a text detail longer than 4,096 characters', () => {
    expect(codes([deal('O1', { loss: { reasonId: 'other', detail: 'x'.repeat(4097) } })])).toEqual([
      { code: 'invalid_detail', path: ['opportunities', 0, 'loss', 'detail'] },
    ]);
  });

  it('reports each unknown theme at its position in themes', () => {
    const issues = checkWinLoss([deal('O1'), deal('O2', { themes: ['integration', 'vibes', 'legal'] })], agreement);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unknown_theme', path: ['opportunities', 1, 'themes', 1] },
      { code: 'unknown_theme', path: ['opportunities', 1, 'themes', 2] },
    ]);
    expect(issues[0]).toMatchObject({ themeId: 'vibes', known: expect.arrayContaining(['integration']) });
  });

  it('reports a deal closed before it was created, at closedAt', () => {
    expect(codes([deal('O1', { createdAt: '2026-05-01T00:00:00Z', closedAt: '2026-04-30T23:59:59Z' })])).toEqual([
      { code: 'invalid_interval', path: ['opportunities', 0, 'closedAt'] },
    ]);
  });

  it('lists issues in input order and uses the per-call error map', () => {
    const issues = checkWinLoss([deal('O1', { themes: ['x'] }), deal('O2', { loss: { reasonId: 'y' } })], agreement, {
      errorMap: (issue) => (issue.code === 'unknown_theme' ? `Thème inconnu : ${issue.themeId}` : undefined),
    });
    expect(issues.map((i) => i.path[1])).toEqual([0, 1]);
    expect(issues[0]?.message).toBe('Thème inconnu : x');
    expect(issues[1]?.message).toMatch(/^Unknown loss reason "y"/);
  });
});
