import { formatCanonicalCsv, parseCanonicalCsv } from '@accord/adapters';
import { defaultAgreement, generateSample } from '@accord/core';

const { leads } = generateSample({ leads: 100, seed: 2 });
const csv = [...formatCanonicalCsv('leads', leads, { stageIds: defaultAgreement.stages.map((s) => s.id) })].join('');
console.log(csv.split('\n')[0]?.split(',').slice(0, 8).join(',')); // id,createdAt,source,campaignId,segment,region,country,ownerId

const back = parseCanonicalCsv('leads', csv, { timezone: defaultAgreement.timezone });
console.log(back.records.length, back.issues.length); // 100 0
