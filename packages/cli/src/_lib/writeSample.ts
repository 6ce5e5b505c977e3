import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCanonicalCsv } from '@accord/adapters';
import type { Agreement, GenerateSampleResult, RecordKind } from '@accord/core';

/** The files `accord sample` writes, by record kind. */
export const SAMPLE_FILES = {
  leads: 'leads.csv',
  accounts: 'accounts.csv',
  stageEvents: 'stage-events.csv',
  activities: 'activities.csv',
  touchpoints: 'touchpoints.csv',
  opportunities: 'opportunities.csv',
  spend: 'spend.csv',
} as const satisfies Record<RecordKind, string>;

async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  for (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Writes a generated sample as canonical CSV files, the agreement it follows and a manifest. */
export async function writeSample(
  dir: string,
  sample: GenerateSampleResult,
  agreement: Agreement,
  manifest: Record<string, unknown>,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const stageIds = agreement.stages.map((s) => s.id);
  const written: string[] = [];
  for (const [kind, file] of Object.entries(SAMPLE_FILES) as [RecordKind, string][]) {
    const records = sample[kind] as never[];
    await writeChunks(join(dir, file), formatCanonicalCsv(kind, records, kind === 'leads' ? { stageIds } : {}));
    written.push(file);
  }
  await writeFile(join(dir, 'agreement.json'), `${JSON.stringify(agreement, null, 2)}\n`);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return [...written, 'agreement.json', 'manifest.json'];
}
