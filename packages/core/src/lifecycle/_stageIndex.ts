import type { Agreement, StageDefinition, StageKind } from '../agreement/agreement.types';

/** One stage with its place in the funnel. */
export interface IndexedStage {
  def: StageDefinition;
  kind: StageKind;
  /** Position in the agreement's list (for stable ordering). */
  order: number;
  /** Funnel rank: open stages 0…n-1 in order, won/lost n; undefined for side states. */
  rank: number | undefined;
}

/** The agreement's stages, indexed once per agreement object. */
export interface StageIndex {
  byId: ReadonlyMap<string, IndexedStage>;
  ids: readonly string[];
  open: readonly string[];
  /** The stage a backward move or a recycle disposition sends a lead to. */
  recycleStage: string | undefined;
  /** Stages a lead in a side state may re-enter. */
  reentry: ReadonlySet<string>;
}

const cache = new WeakMap<object, StageIndex>();

/** Indexes an agreement's stages (cached per agreement object). */
export function stageIndex(agreement: Pick<Agreement, 'stages' | 'transitions'>): StageIndex {
  let index = cache.get(agreement);
  if (index) return index;
  const byId = new Map<string, IndexedStage>();
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open').map((s) => s.id);
  agreement.stages.forEach((def, order) => {
    const kind = def.kind ?? 'open';
    const rank = kind === 'open' ? open.indexOf(def.id) : kind === 'won' || kind === 'lost' ? open.length : undefined;
    if (!byId.has(def.id)) byId.set(def.id, { def, kind, order, rank });
  });
  const recycleStage = agreement.transitions.recycleTo ?? agreement.stages.find((s) => s.kind === 'recycled')?.id;
  const reentry = new Set(
    agreement.transitions.reentryTo ??
      agreement.stages.filter((s) => (s.kind ?? 'open') === 'open' && s.owner === 'marketing').map((s) => s.id),
  );
  index = { byId, ids: agreement.stages.map((s) => s.id), open, recycleStage, reentry };
  cache.set(agreement, index);
  return index;
}

/** True for stages after which nothing happens on its own (won, lost, disqualified). */
export function isTerminal(kind: StageKind): boolean {
  return kind === 'won' || kind === 'lost' || kind === 'disqualified';
}
