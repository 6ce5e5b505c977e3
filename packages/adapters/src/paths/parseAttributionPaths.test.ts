import { readFileSync } from 'node:fs';
import { attribute } from '@accord/core';
import { sharedPath } from '@accord-internal/fixtures';
import { describe, expect, it } from 'vitest';
import { parseAttributionPaths } from './parseAttributionPaths';

describe('parseAttributionPaths', () => {
  const semicolons = readFileSync(sharedPath('data/channelattribution/Data.csv'));
  const commas = readFileSync(sharedPath('data/channelattribution/PathData_from_rda.csv'));

  it('reads ChannelAttribution’s Data.csv (;) and the R package’s PathData (,) to the same rows', () => {
    const a = parseAttributionPaths(semicolons, { nullsColumn: 'total_null' });
    const b = parseAttributionPaths(commas, { nullsColumn: 'total_null' });
    expect(a.issues).toEqual([]);
    expect(a.rows).toHaveLength(10_000);
    // Data.csv prints values with 15 significant digits, the .rda conversion with 17.
    expect(b.rows.map(({ value, ...rest }) => rest)).toEqual(a.rows.map(({ value, ...rest }) => rest));
    b.rows.forEach((row, i) => {
      expect(row.value).toBeCloseTo(a.rows[i]?.value as number, 10);
    });
    const sum = (k: 'conversions' | 'value' | 'nulls') => a.rows.reduce((s, r) => s + (r[k] ?? 0), 0);
    expect(sum('conversions')).toBe(19_785);
    expect(sum('value')).toBeCloseTo(74_802.97158721, 6);
    expect(sum('nulls')).toBe(68_602);
    const r = attribute(a.rows, { model: 'linear' });
    expect(r.channels).toHaveLength(12);
  });

  it('reads no nulls unless a column is named, as markov_model without var_null', () => {
    expect(parseAttributionPaths(semicolons).rows[0]).toEqual({
      path: ['eta ', ' iota ', ' alpha ', ' eta'],
      conversions: 1,
      value: 0.244,
      nulls: 0,
    });
  });

  it('names a missing column, and a cell that is not a number by row and field', () => {
    expect(parseAttributionPaths('path;conversions\na;1\n').issues[0]).toMatchObject({
      code: 'missing_column',
      column: 'total_conversions',
    });
    const bad = parseAttributionPaths('path;total_conversions;total_conversion_value\na > b;one;2\nc;3;4\n');
    expect(bad.rows).toEqual([{ path: ['c'], conversions: 3, value: 4, nulls: 0 }]);
    expect(bad.skipped).toEqual([0]);
    expect(bad.issues[0]).toMatchObject({ code: 'invalid_type', path: ['paths', 0, 'conversions'] });
    expect(() => parseAttributionPaths('path;total_conversions\na;x\n', { mode: 'strict' })).toThrow();
  });
});
