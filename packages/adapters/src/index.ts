// @accord/adapters — data in and out. Explicit exports only.

export {
  type CanonicalColumn,
  type LeadColumnsOptions,
  leadColumns,
  RECORD_COLUMNS,
} from './csv/canonicalColumns';
export { type FormatCanonicalCsvOptions, formatCanonicalCsv } from './csv/formatCanonicalCsv';
export {
  type ParseCanonicalCsvOptions,
  type ParseCanonicalCsvResult,
  parseCanonicalCsv,
} from './csv/parseCanonicalCsv';
export {
  type ParseAttributionPathsOptions,
  type ParseAttributionPathsResult,
  parseAttributionPaths,
} from './paths/parseAttributionPaths';
