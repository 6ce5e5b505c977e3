'use client';

import type { ReactElement } from 'react';
import type { ScorecardTile, UseScorecardResult } from '../../hooks/useScorecard';
import { Sparkline } from './Sparkline';

/** Props of {@link MetricTile}. */
export interface MetricTileProps {
  tile: ScorecardTile;
  scorecard: UseScorecardResult;
}

const ARROWS = { up: '▲', down: '▼', flat: '■' } as const;

/**
 * One metric tile: the label (a button that shows the dictionary definition on focus; the tile shows
 * it on hover), the target status badge, the value, numerator of denominator, the target, the change
 * against the previous period and the trend sparkline.
 */
export function MetricTile({ tile, scorecard }: MetricTileProps): ReactElement {
  const { delta } = tile;
  const trend = scorecard.trends[tile.id];
  return (
    <li className="accord-Scorecard-tileItem">
      <div {...scorecard.getTileProps(tile.id, { className: 'accord-Scorecard-tile' })} data-metric={tile.id}>
        <div className="accord-Scorecard-tileHeader">
          <button {...scorecard.getDefinitionTriggerProps(tile.id, { className: 'accord-Scorecard-term' })}>
            <bdi>{tile.label}</bdi>
          </button>
          <span className="accord-Scorecard-badge" data-state={tile.status}>
            {tile.statusText}
          </span>
        </div>
        <div {...scorecard.getDefinitionProps(tile.id, { className: 'accord-Scorecard-definition' })}>
          <span className="accord-Scorecard-definitionText">
            <bdi>{tile.definition.description}</bdi>
          </span>
          <span className="accord-Scorecard-definitionRow">
            <span className="accord-Scorecard-definitionName">Formula: </span>
            <bdi className="accord-Scorecard-formula">{tile.definition.formula}</bdi>
          </span>
          <span className="accord-Scorecard-definitionRow">
            <span className="accord-Scorecard-definitionName">Owner: </span>
            <bdi>{tile.definition.owner}</bdi>
          </span>
        </div>
        <div className="accord-Scorecard-value">{tile.formatted}</div>
        {tile.fraction === null ? null : <div className="accord-Scorecard-fraction">{tile.fraction}</div>}
        {tile.targetText === null ? null : <div className="accord-Scorecard-target">{tile.targetText}</div>}
        {delta === null ? null : (
          <div className="accord-Scorecard-delta" data-state={delta.tone} data-direction={delta.direction}>
            <span className="accord-Scorecard-deltaArrow" aria-hidden="true">
              {ARROWS[delta.direction]}
            </span>
            <span className="accord-Scorecard-deltaText">{delta.text}</span>{' '}
            <span className="accord-Scorecard-deltaBase">{delta.comparedWith}</span>
            <span className="accord-VisuallyHidden">, {delta.toneText}</span>
          </div>
        )}
        {trend ? <Sparkline trend={trend} label={tile.label} grain={scorecard.trendGrain} /> : null}
      </div>
    </li>
  );
}
