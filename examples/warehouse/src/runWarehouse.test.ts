import { startThrowawayPostgres } from '@accord-internal/postgres';
import { describe, expect, it } from 'vitest';
import { diffScorecards, type EngineRun, runWarehouse } from './runWarehouse';

describe('runWarehouse', () => {
  const lines: string[] = [];
  let runs: EngineRun[] = [];

  it('pushes the scorecard down to DuckDB and PostgreSQL and agrees with the in-memory scorecard', async () => {
    runs = await runWarehouse({
      leads: 800,
      seed: 3,
      scorecard: { groupBy: ['source', 'segment'] },
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
      startPostgres: startThrowawayPostgres,
      print: (line) => lines.push(line),
    });
    expect(runs.map((r) => r.engine)).toEqual(['duckdb', 'postgres']);
    for (const run of runs) {
      expect(run.differences).toEqual([]);
      expect(run.scorecard.rows.length).toBeGreaterThan(10);
    }
    expect(lines).toContain('duckdb: push-down = in-memory');
    expect(lines).toContain('postgres: push-down = in-memory');
  }, 60_000);

  it('prints every statement it ran with its parameters', () => {
    for (const run of runs) {
      expect(run.statements.length).toBeGreaterThan(0);
      for (const s of run.statements) {
        expect(lines).toContain(s.sql);
        expect(lines).toContain(`-- params: ${JSON.stringify(s.params)}`);
      }
      expect(run.statements.some((s) => /GROUPING SETS/.test(s.sql))).toBe(true);
    }
    // PostgreSQL's placeholders and DuckDB's are both $n; the casts name each dialect's types.
    expect(runs[1]?.statements.some((s) => /DOUBLE PRECISION/.test(s.sql))).toBe(true);
  });

  it('prints the scorecard table with a column per group and the total', () => {
    const header = lines.find((l) => l.startsWith('metric '));
    expect(header).toMatch(/source=\w+ segment=\w+/);
    expect(header).toMatch(/total$/);
    expect(lines.some((l) => /^leads\s+\d/.test(l))).toBe(true);
  });
});

describe('diffScorecards', () => {
  it('names the row and metric of each cell that differs', async () => {
    const [run] = await runWarehouse({ engines: ['duckdb'], leads: 200, seed: 1, print: () => undefined });
    const card = (run as EngineRun).scorecard;
    const changed = structuredClone(card);
    const row = changed.rows[0];
    if (!row?.metrics.leads) throw new Error('no leads metric');
    row.metrics.leads.value = (row.metrics.leads.value ?? 0) + 1;
    expect(diffScorecards(changed, card)).toEqual([
      {
        row: `source=${row.group.source}`,
        metric: 'leads',
        pushedDown: expect.any(Number),
        inMemory: expect.any(Number),
      },
    ]);
  });
});
