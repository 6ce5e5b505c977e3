import type {
  Account,
  Activity,
  Agreement,
  Lead,
  Opportunity,
  RecordKind,
  ScorecardData,
  Spend,
  Touchpoint,
} from '@accord/core';
import type { CliIo } from './io';
import { type ReadFileResult, readCanonicalFile, reportInputs } from './readCanonicalFile';

/** The flags naming the record files beside the leads file, shared by the commands that score. */
export const RECORD_FILE_FLAGS = {
  opportunities: { type: 'string' },
  activities: { type: 'string' },
  touchpoints: { type: 'string' },
  spend: { type: 'string' },
  accounts: { type: 'string' },
} as const;

type RecordFiles = Partial<Record<keyof typeof RECORD_FILE_FLAGS, string | undefined>>;

/**
 * Reads the leads file and every record file given, reports what was left out (every file before
 * stopping, so one run names every problem), and returns the records — or `undefined` when the input
 * is bad (exit 2).
 */
export async function readScorecardData(
  leadsFile: string,
  files: RecordFiles,
  io: CliIo,
  agreement: Agreement,
  strict: boolean,
): Promise<{ data: ScorecardData; inputs: Map<RecordKind, ReadFileResult<RecordKind>> } | undefined> {
  const wanted: [RecordKind, string | undefined][] = [
    ['leads', leadsFile],
    ['opportunities', files.opportunities],
    ['activities', files.activities],
    ['touchpoints', files.touchpoints],
    ['spend', files.spend],
    ['accounts', files.accounts],
  ];
  const inputs = new Map<RecordKind, ReadFileResult<RecordKind>>();
  for (const [kind, file] of wanted)
    if (file !== undefined) inputs.set(kind, await readCanonicalFile(kind, file, io.cwd, agreement));
  if (reportInputs(io, [...inputs.values()], strict)) return undefined;
  const records = (kind: RecordKind) => inputs.get(kind)?.records as never;
  const data: ScorecardData = {
    leads: records('leads') as Lead[],
    ...(inputs.has('opportunities') ? { opportunities: records('opportunities') as Opportunity[] } : {}),
    ...(inputs.has('activities') ? { activities: records('activities') as Activity[] } : {}),
    ...(inputs.has('touchpoints') ? { touchpoints: records('touchpoints') as Touchpoint[] } : {}),
    ...(inputs.has('spend') ? { spend: records('spend') as Spend[] } : {}),
    ...(inputs.has('accounts') ? { accounts: records('accounts') as Account[] } : {}),
  };
  return { data, inputs };
}
