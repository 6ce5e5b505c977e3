import { offsetMinutes } from '../_lib/zonedParts';
import type { CalendarClock } from '../sla/_calendarTable';
import { CLOCK_MAX, CLOCK_MIN, type ClockHours, hourAt } from './_clockHours';
import type { CompiledPool } from './_routingEngine';
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
  /** Scratch space for one decision, by the pool's distinct clocks: -1 not asked yet, 0 closed, 1 open. */
  open: Int8Array;
  /**
   * `seen` and `absent` as bit masks (member i: bit i), for pools of at most 31 members whose
   * pointers are all numbers (`masked`: the quick path). The quick path updates only the masks
   * (`arraysStale`); the arrays are brought up to date before the step-by-step path or an export
   * reads them.
   */
  masked: boolean;
  seenMask: number;
  absentMask: number;
  arraysStale: boolean;
  /**
   * Scratch space for one decision, by the pool's distinct zones: the local day index, valid when
   * `zoneStamp` is the decision's `epoch`; and the UTC day index of the decision.
   */
  zoneDay: Float64Array;
  zoneStamp: Int32Array;
  epoch: number;
  utcDay: number;
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

/** Pools of at most this many members keep `seen` and `absent` as bit masks. */
const MAX_MASKED = 31;

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
    open: new Int8Array(pool.clocks.length),
    masked: n <= MAX_MASKED,
    seenMask: 0,
    absentMask: 0,
    arraysStale: false,
    zoneDay: new Float64Array(pool.zones.length),
    zoneStamp: new Int32Array(pool.zones.length),
    epoch: 0,
    utcDay: 0,
    dirty: new Uint8Array(n),
  };
  if (!state) return rt;
  const away = new Set(state.absent);
  pool.members.forEach((m, i) => {
    const p = state.pointers[m.userId];
    if (p !== undefined) {
      rt.pointers[i] = p;
      rt.seen[i] = 1;
      if (Number.isNaN(rt.pointers[i])) rt.masked = false;
    }
    if (away.has(m.userId)) rt.absent[i] = 1;
    const l = state.load[m.userId];
    if (l) {
      rt.day[i] = dayIndexOf(l.day);
      rt.dayCount[i] = l.dayCount;
      rt.week[i] = weekOfDay(dayIndexOf(l.week));
      rt.weekCount[i] = l.weekCount;
    }
  });
  if (rt.masked) masksFromArrays(rt);
  return rt;
}

function masksFromArrays(rt: PoolRuntime): void {
  let seen = 0;
  let absent = 0;
  for (let i = 0; i < rt.seen.length; i++) {
    seen |= (rt.seen[i] as number) << i;
    absent |= (rt.absent[i] as number) << i;
  }
  rt.seenMask = seen;
  rt.absentMask = absent;
}

function arraysFromMasks(rt: PoolRuntime): void {
  for (let i = 0; i < rt.seen.length; i++) {
    rt.seen[i] = (rt.seenMask >>> i) & 1;
    rt.absent[i] = (rt.absentMask >>> i) & 1;
  }
  rt.arraysStale = false;
}

/** Writes a pool's runtime back as JSON state. */
export function exportPoolState(pool: CompiledPool, rt: PoolRuntime): PoolState {
  if (rt.arraysStale) arraysFromMasks(rt);
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

/** `drawQuickly` could not decide: draw with {@link drawExplained}. */
const UNDECIDED = -2;

/**
 * Weighted round robin on a pool's runtime (mutated): the available member with the lowest pointer
 * wins and moves on by 1 / weight. Members back from absence, or new, are first levelled up to the
 * lowest pointer of those who stayed available, so they are not flooded. With `nextShift`, when
 * nobody is in working hours, the members merely off shift are the candidates. Returns the winner's
 * index, or -1.
 *
 * Without a trace, the common case works on bit masks of the members ({@link drawQuickly}); a
 * trace, the next shift, an instant outside the calendars' range, a pool of more than 31 members or
 * NaN pointers go step by step ({@link drawExplained}). Both take the same decisions.
 */
export function drawFromRuntime(
  pool: CompiledPool,
  rt: PoolRuntime,
  now: number,
  outOfOffice: ReadonlySet<string> | undefined,
  trace: RoutingTraceEntry[] | undefined,
): number {
  const away = outOfOffice !== undefined && outOfOffice.size > 0 ? outOfOffice : undefined;
  if (++rt.epoch === 0x7fffffff) {
    rt.zoneStamp.fill(0);
    rt.epoch = 1;
  }
  rt.utcDay = Math.floor(now / DAY);
  if (trace === undefined && rt.masked && now >= CLOCK_MIN && now < CLOCK_MAX) {
    const winner = drawQuickly(pool, rt, now, away);
    if (winner !== UNDECIDED) return winner;
  }
  if (rt.arraysStale) arraysFromMasks(rt);
  const winner = drawExplained(pool, rt, now, away, trace);
  if (rt.masked) {
    // Pointers only change to the floor (a pointer) or by the winner's step: only that can be NaN.
    if (winner >= 0 && Number.isNaN(rt.pointers[winner])) rt.masked = false;
    else masksFromArrays(rt);
  }
  return winner;
}

/**
 * The round robin step by step, explaining each member skipped or levelled. A member is skipped when
 * out of office, else at a cap, else outside working hours (each distinct clock asked at most once).
 */
function drawExplained(
  pool: CompiledPool,
  rt: PoolRuntime,
  now: number,
  away: ReadonlySet<string> | undefined,
  trace: RoutingTraceEntry[] | undefined,
): number {
  const n = pool.userIds.length;
  const { status, pointers, seen, absent, open } = rt;
  const { userIds, clockOf, clocks, capped } = pool;
  open.fill(-1);
  let availableCount = 0;
  let offShiftCount = 0;
  for (let i = 0; i < n; i++) {
    let skip: MemberSkip | undefined;
    if (away?.has(userIds[i] as string)) skip = 'out_of_office';
    else if (capped[i] === 1) skip = capReached(pool, rt, i, now);
    if (skip === undefined) {
      const c = clockOf[i] as number;
      if (c < clocks.length) {
        let o = open[c] as number;
        if (o === -1) {
          o = (clocks[c] as CalendarClock).isOpen(now) ? 1 : 0;
          open[c] = o;
        }
        if (o === 0) skip = 'outside_hours';
      }
    }
    if (skip === undefined) {
      status[i] = 0;
      availableCount++;
      continue;
    }
    status[i] = skip === 'outside_hours' ? 1 : 2;
    if (skip === 'outside_hours') offShiftCount++;
    trace?.push({
      step: 'member',
      poolId: pool.id,
      userId: userIds[i] as string,
      outcome: skip,
      pointer: seen[i] ? (pointers[i] as number) : 0,
      message: `${userIds[i]} ${SKIP_TEXT[skip]}.`,
    });
  }
  let candidate = 0; // the status that counts as available
  if (availableCount === 0 && pool.nextShift && offShiftCount > 0) {
    candidate = 1;
    availableCount = offShiftCount;
    trace?.push({
      step: 'member',
      poolId: pool.id,
      userId: userIds.filter((_, i) => status[i] === 1).join(', '),
      outcome: 'levelled',
      pointer: 0,
      message: `Nobody in pool ${pool.id} is working now; the pool assigns for the next shift among ${offShiftCount} member(s) not away or capped.`,
    });
  }
  if (availableCount === 0) {
    absent.fill(1);
    return -1;
  }

  // Level those back from absence (or new) to the lowest pointer of those who stayed.
  let floor = Number.POSITIVE_INFINITY;
  let floorAll = Number.POSITIVE_INFINITY;
  const wasAway = (i: number) => seen[i] === 0 || absent[i] === 1;
  for (let i = 0; i < n; i++) {
    if (status[i] !== candidate) continue;
    const p = seen[i] ? (pointers[i] as number) : 0;
    if (p < floorAll) floorAll = p;
    if (!wasAway(i) && p < floor) floor = p;
  }
  if (!Number.isFinite(floor)) floor = floorAll;
  let winner = -1;
  for (let i = 0; i < n; i++) {
    if (status[i] !== candidate) continue;
    if (wasAway(i)) {
      const own = seen[i] ? (pointers[i] as number) : 0;
      if (own < floor) {
        pointers[i] = floor;
        trace?.push({
          step: 'member',
          poolId: pool.id,
          userId: userIds[i] as string,
          outcome: 'levelled',
          pointer: floor,
          message: `${userIds[i]} is back: pointer raised from ${own} to ${floor} so they are not flooded.`,
        });
      } else pointers[i] = own;
      seen[i] = 1;
    }
    if (winner === -1 || (pointers[i] as number) < (pointers[winner] as number)) winner = i;
  }
  // Remember who could not take leads now (for levelling them when they come back).
  for (let i = 0; i < n; i++) absent[i] = status[i] === candidate ? 0 : 1;
  const pointer = pointers[winner] as number;
  pointers[winner] = pointer + (pool.step[winner] as number);
  trace?.push({
    step: 'member',
    poolId: pool.id,
    userId: userIds[winner] as string,
    outcome: 'chosen',
    pointer,
    message: `${userIds[winner]} has the lowest pointer (${pointer}) among ${availableCount} available member(s).`,
  });
  countWin(pool, rt, winner, now);
  return winner;
}

/**
 * The same round robin without a trace, for a pool of at most 31 members and an instant in the
 * calendars' range, with who is available as a bit mask: only the members that matter are visited,
 * so few comparisons depend on who is available (a pattern that changes from lead to lead and
 * defeats the CPU's branch prediction). With no NaN pointer (`masked`), it takes the same steps:
 *
 * - the floor is the lowest pointer of the available who stayed available, or of all the available
 *   when there is none (or it is not finite);
 * - the available back from absence (or new) below the floor are raised to it;
 * - every available pointer is now at or above the floor, and the lowest is the floor itself, so the
 *   winner — the lowest pointer, the first in index order on a tie — is the first available member
 *   at the floor: the first of those who stayed at the floor, or an earlier one raised to it (or
 *   already there).
 *
 * Who is off shift comes from the hour table, by the hour's state (clocks are asked directly only
 * in an hour where one of the pool's opens or closes), and caps are checked only for members in
 * working hours: a member off shift is unavailable either way. Returns {@link UNDECIDED}, having
 * changed nothing but scratch space, when nobody is available in a `next_shift` pool.
 */
function drawQuickly(pool: CompiledPool, rt: PoolRuntime, now: number, away: ReadonlySet<string> | undefined): number {
  const pointers = rt.pointers;
  const hours = pool.hours;
  const k = hourAt(hours, now);
  const zoneWord = k < 0 ? 0 : (hours.chunk[k + 1] as number);
  let available = pool.allMask & ~closedMembers(pool, hours, k < 0 ? 0 : (hours.chunk[k] as number), now);
  for (let bits = available & pool.cappedMask; bits !== 0; bits &= bits - 1) {
    const i = 31 - Math.clz32(bits & -bits);
    if (capReached(pool, rt, i, now, zoneWord) !== undefined) available &= ~(1 << i);
  }
  if (away !== undefined)
    for (let i = 0; i < pool.userIds.length; i++) if (away.has(pool.userIds[i] as string)) available &= ~(1 << i);
  if (available === 0) {
    if (pool.nextShift) return UNDECIDED;
    rt.absentMask = pool.allMask;
    rt.arraysStale = true;
    return -1;
  }
  // Bits are visited from the lowest index up (`bits & -bits` is the lowest set bit). The floor, and
  // the first member at it.
  const stayers = available & rt.seenMask & ~rt.absentMask;
  let floor = Number.POSITIVE_INFINITY;
  let winner = 0;
  for (let bits = stayers; bits !== 0; bits &= bits - 1) {
    const i = 31 - Math.clz32(bits & -bits);
    const p = pointers[i] as number;
    if (p < floor) {
      floor = p;
      winner = i;
    }
  }
  if (Number.isFinite(floor)) {
    // The others are levelled up to the floor (a member never seen has pointer 0, which is what the
    // step-by-step path levels from); the first of them at the floor wins if before the winner so far.
    for (let bits = available & ~stayers; bits !== 0; bits &= bits - 1) {
      const i = 31 - Math.clz32(bits & -bits);
      const p = pointers[i] as number;
      if (p <= floor) {
        if (p < floor) pointers[i] = floor;
        if (i < winner) winner = i;
      }
    }
  } else {
    // The floor of all the available: nobody is below it, so nobody is levelled, and the first at
    // it wins (every one of them when all are +Infinity).
    floor = Number.POSITIVE_INFINITY;
    winner = 31 - Math.clz32(available & -available);
    for (let bits = available; bits !== 0; bits &= bits - 1) {
      const i = 31 - Math.clz32(bits & -bits);
      const p = pointers[i] as number;
      if (p < floor) {
        floor = p;
        winner = i;
      }
    }
  }
  rt.seenMask |= available;
  rt.absentMask = pool.allMask & ~available;
  rt.arraysStale = true;
  const pointer = (pointers[winner] as number) + (pool.step[winner] as number);
  pointers[winner] = pointer;
  countWin(pool, rt, winner, now, zoneWord);
  // Only with a weight that is not a number: step by step from now on.
  if (Number.isNaN(pointer)) rt.masked = false;
  return winner;
}

/**
 * The pool's members off shift at `now`, whose hour is in `state` (see `hourAt`), as a bit mask: from
 * what the pool remembers of the state, else worked out from its clock word, else (a clock opening
 * or closing within the hour) asking each clock.
 */
function closedMembers(pool: CompiledPool, hours: ClockHours, state: number, now: number): number {
  let closed = state < pool.closedByState.length ? (pool.closedByState[state] as number) : -1;
  if (closed === -1) closed = learnState(pool, hours, state);
  if (closed >= 0) return closed;
  const { clocks, hourSlot, clockMembers } = pool;
  const word = hours.states[state] as number;
  closed = 0;
  for (let c = 0; c < clocks.length; c++) {
    const slot = 2 * (hourSlot[c] as number);
    const shut =
      slot >= 0 && ((word >>> slot) & 1) === 1
        ? ((word >>> (slot + 1)) & 1) === 0
        : !(clocks[c] as CalendarClock).isOpen(now);
    if (shut) closed |= clockMembers[c] as number;
  }
  return closed;
}

/** Works out, and remembers, the pool's members off shift all hour in a state of the hour table. */
function learnState(pool: CompiledPool, hours: ClockHours, state: number): number {
  if (state >= pool.closedByState.length) {
    const grown = new Int32Array(Math.max(8, 2 * (state + 1))).fill(-1);
    grown.set(pool.closedByState);
    pool.closedByState = grown;
  }
  const word = hours.states[state] as number;
  let closed = 0;
  for (let c = 0; c < pool.clocks.length; c++) {
    const slot = 2 * (pool.hourSlot[c] as number);
    if (slot < 0 || ((word >>> slot) & 1) === 0) {
      closed = -2; // not the same all hour, or not in the table: ask at the instant
      break;
    }
    if (((word >>> (slot + 1)) & 1) === 0) closed |= pool.clockMembers[c] as number;
  }
  pool.closedByState[state] = closed;
  return closed;
}

/** Counts a won lead against the winner's daily and weekly caps. */
function countWin(pool: CompiledPool, rt: PoolRuntime, winner: number, now: number, zoneWord = 0): void {
  if (pool.capped[winner] !== 1) return;
  const day = localDay(pool, rt, winner, now, zoneWord);
  const week = weekOfDay(day);
  rt.dayCount[winner] = rt.day[winner] === day ? (rt.dayCount[winner] as number) + 1 : 1;
  rt.weekCount[winner] = rt.week[winner] === week ? (rt.weekCount[winner] as number) + 1 : 1;
  rt.day[winner] = day;
  rt.week[winner] = week;
  rt.dirty[winner] = 1;
}

/**
 * The local day index of an instant in a member's zone (offsets from @date-fns/tz): from the hour
 * table when the zone's day is the same all hour (`zoneWord`, found by `hourAt` for this instant; 0
 * when not read), else from the offset at the instant, asked once per zone and decision.
 */
function localDay(pool: CompiledPool, rt: PoolRuntime, i: number, now: number, zoneWord = 0): number {
  const z = pool.zoneOf[i] as number;
  const slot = pool.zoneSlot[z] as number;
  const known = slot >= 0 ? (zoneWord >>> (2 * slot)) & 3 : 0;
  if (known !== 0) return rt.utcDay + known - 2;
  if (rt.zoneStamp[z] === rt.epoch) return rt.zoneDay[z] as number;
  const day = Math.floor((now + offsetMinutes(pool.zones[z] as string, now) * 60_000) / DAY);
  rt.zoneDay[z] = day;
  rt.zoneStamp[z] = rt.epoch;
  return day;
}

/** The cap a member has reached at `now` (the daily one first), or undefined. */
function capReached(pool: CompiledPool, rt: PoolRuntime, i: number, now: number, zoneWord = 0): MemberSkip | undefined {
  const day = localDay(pool, rt, i, now, zoneWord);
  const dayCount = rt.day[i] === day ? (rt.dayCount[i] as number) : 0;
  if (dayCount >= (pool.capDay[i] as number)) return 'cap_day';
  const capWeek = pool.capWeek[i] as number;
  if (capWeek === Number.POSITIVE_INFINITY) return undefined; // no weekly cap
  const weekCount = rt.week[i] === weekOfDay(day) ? (rt.weekCount[i] as number) : 0;
  return weekCount >= capWeek ? 'cap_week' : undefined;
}
