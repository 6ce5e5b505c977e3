import { compareAttribution } from '@accord/core';
const DAY = 86_400_000;
const CH = ['alpha','beta','gamma','delta','epsilon','zeta','eta','theta','iota','kappa','lambda','mi'];
let a = 7; const r = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const journeys = [];
for (let j = 0; j < 1e6; j++) { const n = 1 + Math.floor(r() * r() * 13); const cv = Date.UTC(2026,0,1) + Math.floor(r()*300*DAY); const touches = []; let at = cv - Math.floor(r()*60*DAY); for (let k=0;k<n;k++){ touches.push({channel: CH[Math.min(11, Math.floor(-Math.log(1-r())*3))], at}); at += Math.floor(r()*(cv-at)*0.5);} const conv = r()<0.3; journeys.push({touches, conversions: conv?1:0, value: conv?100:0, nulls: conv?0:1, convertedAt: cv, leadCreatedAt: touches[0].at}); }
const time = (models) => { compareAttribution(journeys, { models }); const s=[]; for (let i=0;i<9;i++){ const t=performance.now(); compareAttribution(journeys, { models }); s.push(performance.now()-t);} s.sort((x,y)=>x-y); return s[4].toFixed(1); };
for (const m of (process.env.MODELS ?? 'first_touch;linear;position_based;time_decay;w_shaped;markov;first_touch,last_touch,linear,time_decay,position_based,w_shaped,full_path,custom,markov').split(';')) console.log(m, time(m.split(',')));
