import { formatIssues, generateSample, validateRecords } from '@accord/core';

const sample = generateSample({ leads: 1000, seed: 1, badRows: 2 });
const { records, issues, skipped } = validateRecords('leads', sample.leads);
console.log(records.length, skipped.length); // 998 2
console.log(formatIssues(issues));
// leads[851].createdAt: Expected an ISO-8601 instant with an offset (e.g. "2026-03-02T09:30:00Z") or epoch milliseconds, got "31/02/2026".
// …
