import { computeScorecardWith, defaultAgreement } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { createSqlScorecardEngine } from './createSqlScorecardEngine';
import { type SqlDialect, sqlDialects } from './sqlDialects';

/** The statements a scorecard runs in a dialect (the engine answers with no rows). */
async function statements(dialect: SqlDialect, shape: { groupBy?: string[]; grain?: 'month'; period?: string }) {
  const out: { sql: string; params: readonly unknown[]; purpose: string }[] = [];
  await computeScorecardWith(
    createSqlScorecardEngine({
      dialect,
      agreement: defaultAgreement,
      opportunities: 'records',
      query: async () => [],
      records: () => Promise.reject(new Error('every metric here runs in SQL')),
      onStatement: (s) => out.push(s),
    }),
    {
      agreement: defaultAgreement,
      asOf: '2026-06-30T00:00:00Z',
      metrics: [
        'leads',
        'conversion.mql.sal',
        'days.mql.sal.median',
        'reject_mix.competitor',
        'pipeline_created',
        'win_rate',
        'sales_cycle_days',
      ],
      ...shape,
    },
  );
  return out;
}

describe.each(Object.values(sqlDialects))('scorecard SQL for $name', (dialect) => {
  it('renders the plan (snapshot)', async () => {
    const run = await statements(dialect, {
      groupBy: ['source', 'attributes.tier'],
      grain: 'month',
      period: '2026-Q1',
    });
    const text = run.map((s) => `-- ${s.purpose}\n-- params: ${JSON.stringify(s.params)}\n${s.sql};\n`).join('\n');
    await expect(text).toMatchFileSnapshot(`./__snapshots__/scorecard.${dialect.name}.sql`);
  });

  it('binds every value: hostile group names and stage ids reach SQL only as parameters', async () => {
    const hostile = `tier'"; DROP TABLE accord_leads; --`;
    const run = dialect.name === 'bigquery' ? null : await statements(dialect, { groupBy: [`attributes.${hostile}`] });
    if (run === null) {
      // BigQuery's JSONPath must be a literal: anything but an identifier is refused, never inlined.
      await expect(statements(dialect, { groupBy: [`attributes.${hostile}`] })).rejects.toThrow(/identifier/);
      return;
    }
    for (const s of run) {
      expect(s.sql).not.toContain('DROP TABLE');
      expect(s.sql).not.toContain('competitor');
    }
    expect(run.some((s) => JSON.stringify(s.params).includes('DROP TABLE'))).toBe(true);
  });
});
