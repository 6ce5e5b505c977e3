import { offsetMinutes } from '../_lib/zonedParts';
import type { CompiledMember, CompiledPool } from './_routingEngine';
import type { MemberLoad, MemberSkip, PoolState, RoutingTraceEntry } from './routing.types';

const DAY = 86_400_000;

/** A pool's round-robin memory in typed arrays, indexed like the pool's members. */
export interface PoolRuntime {
  pointers: Float64Array;
  /** 1 when the member has a pointer (0: new, to be levelled). */
  seen: Uint8Array;
  /** 1 when the member was unavailable at the pool's last decision. */
  absent: Uint8Array;
  /** Local day and ISO-week indexes (days since 1970-01-01 in the member's zone) of the counts. */
  day: Int32Array;
  dayCount: Int32Array;
  week: Int32Array;
  weekCount: Int32Array;
  /** The JSON load entries carried over unchanged (members without caps keep theirs). */
  carried: Record<string, MemberLoad>;
  /** Scratch space for one decision: 0 available, 1 off shift, 2 away or capped. */
  status: Uint8Array;
  /** 1 for members whose load changed since the runtime was loaded (only they are written back). */
  dirty: Uint8Array;
}

const parsedDays = new Map<string, number>();
const dayIndexOf = (iso: string): number => {
  let day = parsedDays.get(iso);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
    if (parsedDays.size > 10_000) parsedDays.clear();
    parsedDays.set(iso, day);
  }
  return day;
};
const isoOfDay = (index: number) => new Date(index * DAY).toISOString().slice(0, 10);
/** Monday-based week index: 1970-01-01 was a Thursday. */
const weekOfDay = (dayIndex: number) => Math.floor((dayIndex + 3) / 7);
const mondayOfWeek = (week: number) => week * 7 - 3;

/** Loads a pool's JSON state (or nothing) into typed arrays. */
export function createPoolRuntime(pool: CompiledPool, state: PoolState | undefined): PoolRuntime {
  const n = pool.members.length;
  const rt: PoolRuntime = {
    pointers: new Float64Array(n),
    seen: new Uint8Array(n),
    absent: new Uint8Array(n),
    day: new Int32Array(n).fill(-1),
    dayCount: new Int32Array(n),
    week: new Int32Array(n).fill(-1),
    weekCount: new Int32Array(n),
    carried: state?.load ?? {},
    status: new Uint8Array(n),
    dirty: new Uint8Array(n),
  };
  if (!state) return rt;
  const absent = new Set(state.absent);
  pool.members.forEach((m, i) => {
    const p = state.pointers[m.userId];
    if (p !== undefined) {
      rt.pointers[i] = p;
      rt.seen[i] = 1;
    }
    if (absent.has(m.userId)) rt.absent[i] = 1;
    const l = state.load[m.userId];
    if (l) {
      rt.day[i] = dayIndexOf(l.day);
      rt.dayCount[i] = l.dayCount;
      rt.week[i] = weekOfDay(dayIndexOf(l.week));
      rt.weekCount[i] = l.weekCount;
    }
  });
  return rt;
}

/** Writes a pool's runtime back as JSON state. */
export function exportPoolState(pool: CompiledPool, rt: PoolRuntime): PoolState {
  const pointers: Record<string, number> = {};
  const absent: string[] = [];
  const load: Record<string, MemberLoad> = { ...rt.carried };
  pool.members.forEach((m, i) => {
    if (rt.seen[i]) pointers[m.userId] = rt.pointers[i] as number;
    if (rt.absent[i]) absent.push(m.userId);
    if (rt.dirty[i] && rt.day[i] !== -1)
      load[m.userId] = {
        day: isoOfDay(rt.day[i] as number),
        dayCount: rt.dayCount[i] as number,
        week: isoOfDay(mondayOfWeek(rt.week[i] as number)),
        weekCount: rt.weekCount[i] as number,
      };
  });
  return { pointers, absent, load };
}

const SKIP_TEXT: Record<MemberSkip, string> = {
  out_of_office: 'is out of office',
  outside_hours: 'is outside working hours',
  cap_day: 'has reached the daily cap',
  cap_week: 'has reached the weekly cap',
};

/** The local day index of an instant for a member (their calendar's zone, offsets from @date-fns/tz). */
const localDay = (m: CompiledMember, now: number) => Math.floor((now + offsetMinutes(m.timeZone, now) * 60_000) / DAY);

/**
 * Weighted round robin on a pool's runtime (mutated): the available member with the lowest pointer
 * wins and moves on by 1 / weight. Members back from absence, or new, are first levelled up to the
 * lowest pointer of those who stayed available, so they are not flooded. With `nextShift`, when
 * nobody is in working hours, the members merely off shift are the candidates. Returns the winner's
 * index, or -1.
 */
export function drawFromRuntime(
  pool: CompiledPool,
  rt: PoolRuntime,
  now: number,
  outOfOffice: ReadonlySet<string> | undefined,
  trace: RoutingTraceEntry[] | undefined,
): number {
  const members = pool.members;
  const n = members.length;
  const status = rt.status;
  status.fill(0);
  let availableCount = 0;
  let offShiftCount = 0;
  for (let i = 0; i < n; i++) {
    const m = members[i] as CompiledMember;
    let skip: MemberSkip | undefined;
    if (outOfOffice?.has(m.userId)) skip = 'out_of_office';
    else if (m.capPerDay !== undefined || m.capPerWeek !== undefined) {
      const day = localDay(m, now);
      const dayCount = rt.day[i] === day ? (rt.dayCount[i] as number) : 0;
      const weekCount = rt.week[i] === weekOfDay(day) ? (rt.weekCount[i] as number) : 0;
      if (m.capPerDay !== undefined && dayCount >= m.capPerDay) skip = 'cap_day';
      else if (m.capPerWeek !== undefined && weekCount >= m.capPerWeek) skip = 'cap_week';
    }
    if (skip === undefined && m.clock !== undefined && !m.clock.isOpen(now)) skip = 'outside_hours';
    if (skip === undefined) {
      availableCount++;
      continue;
    }
    status[i] = skip === 'outside_hours' ? 1 : 2;
    if (skip === 'outside_hours') offShiftCount++;
    trace?.push({
      step: 'member',
      poolId: pool.id,
      userId: m.userId,
      outcome: skip,
      pointer: rt.seen[i] ? (rt.pointers[i] as number) : 0,
      message: `${m.userId} ${SKIP_TEXT[skip]}.`,
    });
  }
  let candidate = 0; // the status that counts as available
  if (availableCount === 0 && pool.nextShift && offShiftCount > 0) {
    candidate = 1;
    availableCount = offShiftCount;
    trace?.push({
      step: 'member',
      poolId: pool.id,
      userId: members
        .filter((_, i) => status[i] === 1)
        .map((m) => m.userId)
        .join(', '),
      outcome: 'levelled',
      pointer: 0,
      message: `Nobody in pool ${pool.id} is working now; the pool assigns for the next shift among ${offShiftCount} member(s) not away or capped.`,
    });
  }
  if (availableCount === 0) {
    rt.absent.fill(1);
    return -1;
  }

  // Level those back from absence (or new) to the lowest pointer of those who stayed.
  let floor = Number.POSITIVE_INFINITY;
  let floorAll = Number.POSITIVE_INFINITY;
  const wasAway = (i: number) => rt.seen[i] === 0 || rt.absent[i] === 1;
  for (let i = 0; i < n; i++) {
    if (status[i] !== candidate) continue;
    const p = rt.seen[i] ? (rt.pointers[i] as number) : 0;
    if (p < floorAll) floorAll = p;
    if (!wasAway(i) && p < floor) floor = p;
  }
  if (!Number.isFinite(floor)) floor = floorAll;
  let winner = -1;
  for (let i = 0; i < n; i++) {
    if (status[i] !== candidate) continue;
    if (wasAway(i)) {
      const own = rt.seen[i] ? (rt.pointers[i] as number) : 0;
      if (own < floor) {
        rt.pointers[i] = floor;
        const m = members[i] as CompiledMember;
        trace?.push({
          step: 'member',
          poolId: pool.id,
          userId: m.userId,
          outcome: 'levelled',
          pointer: floor,
          message: `${m.userId} is back: pointer raised from ${own} to ${floor} so they are not flooded.`,
        });
      } else rt.pointers[i] = own;
      rt.seen[i] = 1;
    }
    if (winner === -1 || (rt.pointers[i] as number) < (rt.pointers[winner] as number)) winner = i;
  }
  // Remember who could not take leads now (for levelling them when they come back).
  for (let i = 0; i < n; i++) rt.absent[i] = status[i] === candidate ? 0 : 1;
  const m = members[winner] as CompiledMember;
  const pointer = rt.pointers[winner] as number;
  rt.pointers[winner] = pointer + 1 / m.weight;
  trace?.push({
    step: 'member',
    poolId: pool.id,
    userId: m.userId,
    outcome: 'chosen',
    pointer,
    message: `${m.userId} has the lowest pointer (${pointer}) among ${availableCount} available member(s).`,
  });
  if (m.capPerDay !== undefined || m.capPerWeek !== undefined) {
    const day = localDay(m, now);
    const week = weekOfDay(day);
    rt.dayCount[winner] = rt.day[winner] === day ? (rt.dayCount[winner] as number) + 1 : 1;
    rt.weekCount[winner] = rt.week[winner] === week ? (rt.weekCount[winner] as number) + 1 : 1;
    rt.day[winner] = day;
    rt.week[winner] = week;
    rt.dirty[winner] = 1;
  }
  return winner;
}
