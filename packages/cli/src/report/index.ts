// The demo's HTML report. Loaded by `accord demo` with a dynamic import, so other commands never load React.

export { escapeHtml } from './escapeHtml';
export { MODEL_LABELS } from './ReportTables';
export { type RenderReportOptions, renderReport, reportCsp } from './renderReport';
export type { DemoReport, NearestClock, TrendPoint } from './report.types';
export { createReportQueries, type ReportQueries, type ReportRecords } from './reportQueries';
