import type { RawIssue, RecordKind } from '@accord/core';
import { attributeCell, booleanCell, instantCell, integerCell, listCell } from './_cellValues';
import { leadColumns, RECORD_COLUMNS } from './canonicalColumns';

/** Writes one non-empty cell into the row being built. */
export type CellSetter = (row: Record<string, unknown>, cell: string) => void;

/** How to read each header column. */
export interface ColumnPlan {
  /** The canonical columns read, in file order. */
  columns: string[];
  /** One entry per header column; `undefined` for a column that is ignored (and reported). */
  setters: (CellSetter | undefined)[];
  issues: RawIssue[];
  /** True when the header rules out reading any row (missing or duplicated column). */
  fatal: boolean;
}

/** Options that shape the reading of cells. */
export interface PlanColumnsOptions {
  timezone: string;
  stageIds: readonly string[] | undefined;
}

/** Columns each kind cannot do without: its schema's required fields. */
const REQUIRED_COLUMNS: { readonly [K in RecordKind]: readonly string[] } = {
  leads: ['id', 'createdAt'],
  accounts: ['id'],
  stageEvents: ['leadId', 'stage', 'at'],
  activities: ['id', 'leadId', 'type', 'at'],
  touchpoints: ['id', 'channel', 'at'],
  opportunities: ['id', 'createdAt', 'stage', 'amount', 'currency'],
  spend: ['periodStart', 'periodEnd', 'amount'],
};

const INSTANT_FIELDS = new Set(['createdAt', 'firstTouchAt', 'at', 'closedAt']);
const INTEGER_FIELDS = new Set(['touches', 'amount']);
/** Names that would reach an object's prototype; refused as attribute and stage names. */
const UNSAFE_NAMES = new Set(['__proto__', 'prototype', 'constructor']);

const nested = (row: Record<string, unknown>, key: string): Record<string, unknown> => {
  row[key] ??= {};
  return row[key] as Record<string, unknown>;
};

function valueReader(field: string, timezone: string): (cell: string) => unknown {
  if (INSTANT_FIELDS.has(field)) return (cell) => instantCell(cell, timezone);
  if (INTEGER_FIELDS.has(field)) return integerCell;
  if (field === 'won') return booleanCell;
  if (field === 'leadIds' || field === 'themes') return listCell;
  return (cell) => cell;
}

/** Columns that fill a nested object: a lead's `disposition.*`, an opportunity's `loss.*`. */
const NESTED = /^(disposition|loss)\.(.+)$/s;

function fixedSetter(header: string, timezone: string): CellSetter {
  const parts = NESTED.exec(header);
  if (parts) {
    const [, object, field] = parts as unknown as [string, string, string];
    const read = valueReader(field, timezone);
    return (row, cell) => {
      nested(row, object)[field] = read(cell);
    };
  }
  const read = valueReader(header, timezone);
  return (row, cell) => {
    row[header] = read(cell);
  };
}

/**
 * The setter of a lead's `stage.<id>` or `attr.<name>` column, or of an account's `attr.<name>`
 * column; `undefined` when the column is not one.
 */
function extraSetter(
  kind: RecordKind,
  name: string,
  timezone: string,
  stageIds: ReadonlySet<string> | undefined,
): CellSetter | undefined {
  if (kind !== 'leads' && kind !== 'accounts') return undefined;
  if (kind === 'leads' && name.startsWith('stage.') && name.length > 'stage.'.length) {
    const id = name.slice('stage.'.length);
    if (stageIds !== undefined && !stageIds.has(id)) return undefined;
    return (row, cell) => {
      nested(row, 'stageDates')[id] = instantCell(cell, timezone);
    };
  }
  if (name.startsWith('attr.') && name.length > 'attr.'.length) {
    const attribute = name.slice('attr.'.length);
    return (row, cell) => {
      nested(row, 'attributes')[attribute] = attributeCell(cell);
    };
  }
  return undefined;
}

/**
 * Matches a header against the canonical columns of `kind`. Unknown columns, `stage.<id>` columns
 * for ids outside `stageIds`, and attribute or stage names that could reach a prototype are
 * reported and ignored; a missing required column or a canonical column given twice makes the
 * header fatal. Every issue is located at `[kind, 'columns', index]` (or `[kind, 'columns']`).
 */
export function planColumns(
  kind: RecordKind,
  header: readonly string[],
  headerLine: number,
  options: PlanColumnsOptions,
): ColumnPlan {
  const fixed = (kind === 'leads' ? leadColumns({ stageIds: [], attributeNames: [] }) : RECORD_COLUMNS[kind]).map(
    (c) => c.header,
  );
  const fixedSet = new Set(fixed);
  const stageSet = options.stageIds === undefined ? undefined : new Set(options.stageIds);
  const expected = [
    ...fixed,
    ...(kind === 'leads'
      ? [...(options.stageIds?.map((id) => `stage.${id}`) ?? ['stage.<stageId>']), 'attr.<name>']
      : kind === 'accounts'
        ? ['attr.<name>']
        : []),
  ];
  const columns: string[] = [];
  const setters: (CellSetter | undefined)[] = [];
  const issues: RawIssue[] = [];
  const seen = new Map<string, number>();
  let fatal = false;

  header.forEach((name, index) => {
    const path = [kind, 'columns', index];
    const key =
      kind === 'leads'
        ? /^(?:stage|attr)\.(.*)$/s.exec(name)?.[1]
        : kind === 'accounts'
          ? /^attr\.(.*)$/s.exec(name)?.[1]
          : undefined;
    if (key !== undefined && UNSAFE_NAMES.has(key)) {
      issues.push({ code: 'unsafe_path', path, segment: key });
      setters.push(undefined);
      return;
    }
    const setter = fixedSet.has(name)
      ? fixedSetter(name, options.timezone)
      : extraSetter(kind, name, options.timezone, stageSet);
    if (setter === undefined) {
      issues.push({ code: 'unknown_column', path, column: name, expected });
      setters.push(undefined);
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      fatal = true;
      issues.push({
        code: 'invalid_csv',
        path,
        line: headerLine,
        column: index + 1,
        detail: `column ${index + 1} has the same name as column ${first + 1}; each column may appear once`,
      });
      setters.push(undefined);
      return;
    }
    seen.set(name, index);
    columns.push(name);
    setters.push(setter);
  });

  for (const column of REQUIRED_COLUMNS[kind]) {
    if (seen.has(column)) continue;
    fatal = true;
    issues.push({ code: 'missing_column', path: [kind, 'columns'], column });
  }
  return { columns, setters, issues, fatal };
}
