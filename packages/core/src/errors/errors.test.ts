import { afterEach, describe, expect, it } from 'vitest';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { safeParseAgreement } from '../agreement/parseAgreement';
import { AccordError } from './AccordError';
import { setErrorMap } from './errorMap';
import { flattenIssues } from './flattenIssues';
import { formatIssues } from './formatIssues';
import { formatPath } from './formatPath';

const [firstSla] = defaultAgreement.slas ?? [];
const withUnknownStage = { ...defaultAgreement, slas: [{ ...firstSla, start: { stage: 'sqll' } }] };

describe('formatPath', () => {
  it('writes keys with dots and indexes with brackets', () => {
    expect(formatPath(['leads', 12, 'createdAt'])).toBe('leads[12].createdAt');
  });
  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['targets', 'conversion.mql.sal', 'min'])).toBe('targets["conversion.mql.sal"].min');
  });
  it('names the root', () => {
    expect(formatPath([])).toBe('(root)');
  });
});

describe('AccordError', () => {
  it('computes its message from the issues', () => {
    const result = safeParseAgreement(withUnknownStage);
    expect(result.success).toBe(false);
    const error = result.error as AccordError;
    expect(error).toBeInstanceOf(AccordError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AccordError');
    expect(error.message).toContain('slas[0].start.stage: Unknown stage "sqll"');
    expect(error.message).toContain('"inquiry", "mql"');
  });
});

describe('formatIssues', () => {
  it('caps the number of lines and counts the rest', () => {
    const error = AccordError.from([
      { code: 'empty_funnel', path: ['stages'] },
      { code: 'missing_recycle_stage', path: ['transitions', 'backward'] },
      { code: 'invalid_timezone', path: ['timezone'], timezone: 'Mars/Olympus' },
    ]);
    const text = formatIssues(error.issues, { maxIssues: 2 });
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('… and 1 more issue(s).');
  });
});

describe('flattenIssues', () => {
  it('groups messages by field and keeps root issues apart', () => {
    const error = AccordError.from([
      { code: 'too_large', path: [], bytes: 2_000_000, maxBytes: 1_048_576 },
      { code: 'invalid_timezone', path: ['timezone'], timezone: 'Nowhere/City' },
      { code: 'invalid_format', path: ['timezone'], format: 'id' },
    ]);
    const flat = flattenIssues(error.issues);
    expect(flat.formErrors).toHaveLength(1);
    expect(flat.fieldErrors.timezone).toHaveLength(2);
  });
});

describe('setErrorMap', () => {
  afterEach(() => setErrorMap(undefined));

  it('overrides messages globally and falls through for codes it does not handle', () => {
    setErrorMap((issue) => (issue.code === 'unknown_stage' ? `Etapa desconocida: ${issue.stageId}` : undefined));
    const error = safeParseAgreement(withUnknownStage).error as AccordError;
    expect(error.issues[0]?.message).toBe('Etapa desconocida: sqll');
    const other = AccordError.from([{ code: 'empty_funnel', path: [] }]);
    expect(other.issues[0]?.message).toMatch(/no open stages/);
  });

  it('lets a per-call map win over the global one', () => {
    setErrorMap(() => 'global');
    const error = safeParseAgreement(withUnknownStage, { errorMap: () => 'local' }).error as AccordError;
    expect(error.issues[0]?.message).toBe('local');
  });
});

describe('message catalogs', () => {
  it('resolves generic and calendar codes without the domain catalog, as the full map does', async () => {
    const { finalizeIssues } = await import('./_resolve');
    const { defaultErrorMap } = await import('./errorMap');
    const raw = [
      { code: 'invalid_instant', path: ['start'], received: 'yesterday' },
      { code: 'invalid_timezone', path: ['timezone'], timezone: 'Mars/Olympus' },
      { code: 'overlapping_intervals', path: ['hours', 'mon'], first: ['09:00', '12:00'], second: ['11:00', '13:00'] },
    ] as const;
    const light = finalizeIssues(raw, undefined, () => undefined);
    for (const [i, issue] of light.entries()) {
      expect(issue.message).toBe(defaultErrorMap(raw[i] as never));
      expect(issue.message).not.toMatch(/^Invalid input/);
    }
  });

  it('names the code when no catalog knows it, and the full catalog knows domain codes', () => {
    expect(AccordError.from([{ code: 'empty_funnel', path: [] }]).issues[0]?.message).toMatch(/no open stages/);
  });
});
