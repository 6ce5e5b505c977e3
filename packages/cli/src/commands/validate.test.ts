import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAgreement } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const write = (cwd: string, name: string, text: string) => {
  writeFileSync(join(cwd, name), text);
  return name;
};

describe('accord validate', () => {
  it('exits 0 with a summary for a valid agreement', async () => {
    const first = await cli(['--help']);
    const file = write(first.cwd, 'agreement.json', JSON.stringify(defaultAgreement));
    const { code, stdout, stderr } = await cli(['validate', file], first.cwd);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('✓ agreement.json: "Accord default operating agreement" (accord-default) v1.0.0');
    expect(stdout).toContain('SLAs         6 (4 sales, 2 marketing)');
  });

  it('prints one JSON document with --json', async () => {
    const { cwd } = await cli(['--help']);
    write(cwd, 'a.json', JSON.stringify(defaultAgreement));
    const { code, stdout } = await cli(['validate', 'a.json', '--json'], cwd);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, file: 'a.json', summary: { slas: { total: 6 } } });
  });

  it('exits 2 with every issue, path first, on stderr', async () => {
    const { cwd } = await cli(['--help']);
    const broken = JSON.parse(JSON.stringify(defaultAgreement));
    broken.slas[1].start.stage = 'sqll';
    broken.timezone = 'Mars/Olympus_Mons';
    write(cwd, 'bad.json', JSON.stringify(broken));
    const { code, stdout, stderr } = await cli(['validate', 'bad.json'], cwd);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('✗ bad.json: 1 issue');
    expect(stderr).toContain('timezone: Unknown time zone "Mars/Olympus_Mons"');
    const fixedZone = { ...broken, timezone: 'UTC' };
    write(cwd, 'bad2.json', JSON.stringify(fixedZone));
    const second = await cli(['validate', 'bad2.json', '--json'], cwd);
    expect(second.code).toBe(2);
    expect(JSON.parse(second.stdout).issues[0]).toMatchObject({
      code: 'unknown_stage',
      path: ['slas', 1, 'start', 'stage'],
    });
  });

  it('reports malformed JSON with its line and column, without a stack trace', async () => {
    const { cwd } = await cli(['--help']);
    write(cwd, 'broken.json', '{\n  "id": "x",\n  "version": "1",,\n}');
    const { code, stderr } = await cli(['validate', 'broken.json'], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\(root\): Malformed JSON at line 3, column 18/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a 5 MB file before reading it', async () => {
    const { cwd } = await cli(['--help']);
    write(cwd, 'huge.json', JSON.stringify({ ...defaultAgreement, name: 'y'.repeat(5 * 1024 * 1024) }));
    const { code, stderr } = await cli(['validate', 'huge.json'], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Input is 5\.0 MB; the limit is 1\.0 MB/);
  });

  it('refuses a criteria path into __proto__ and pollutes nothing', async () => {
    const { cwd } = await cli(['--help']);
    const text = JSON.stringify(defaultAgreement).replace('"field":"ownerId"', '"field":"__proto__.polluted"');
    write(cwd, 'proto.json', text);
    const { code, stderr } = await cli(['validate', 'proto.json'], cwd);
    expect(code).toBe(2);
    expect(stderr).toContain('stages[2].entry.field: Path segment "__proto__" is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('exits 2 for a missing file or a wrong number of arguments', async () => {
    expect(await cli(['validate', 'nope.json'])).toMatchObject({
      code: 2,
      stderr: 'accord: Cannot read nope.json: no such file.\n',
    });
    expect((await cli(['validate'])).code).toBe(2);
  });
});

describe('accord <command> --help', () => {
  it('prints the command’s help and exits 0', async () => {
    for (const command of ['demo', 'validate', 'sample', 'sla']) {
      const { code, stdout } = await cli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: accord ${command}`));
    }
  });
});
