import { createHash } from 'node:crypto';
import type { IcpSlice, LiftCell, ReasonsBy } from '@accord/core';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { escapeHtml } from './escapeHtml';
import type { IcpReviewReport } from './icpReview.types';
import {
  count,
  countedText,
  DIMENSION_TEXT,
  groupName,
  issueCodes,
  issueWhere,
  lift,
  MAX_ISSUES,
  MAX_REASON_ROWS,
  MAX_REASONS_PER_ROW,
  PILOT_NOTE,
  percent,
  READING_TEXT,
  rateWithInterval,
  reading,
} from './icpReviewFormat';
import { ICP_REVIEW_CSS } from './icpReviewStyles';

function RateCells({ cell, minGroupSize, baseline }: { cell: LiftCell; minGroupSize: number; baseline?: boolean }) {
  const r = reading(cell, minGroupSize);
  return (
    <>
      <td className="num">{count(cell.rate.denominator)}</td>
      <td className="num">{rateWithInterval(cell.rate)}</td>
      <td className="num">{lift(cell.lift)}</td>
      {baseline ? <td>baseline</td> : <td data-reading={r}>{READING_TEXT[r]}</td>}
    </>
  );
}

function SliceCells({ slice, minGroupSize, baseline }: { slice: IcpSlice; minGroupSize: number; baseline?: boolean }) {
  // The conversion group is all the slice's leads: its denominator is the lead count.
  return (
    <>
      <RateCells cell={slice.conversion} minGroupSize={minGroupSize} baseline={baseline} />
      <RateCells cell={slice.winRate} minGroupSize={minGroupSize} baseline={baseline} />
    </>
  );
}

function SliceHeaders() {
  return (
    <>
      <th scope="col" className="num">
        Leads
      </th>
      <th scope="col" className="num">
        Conversion (95% CI)
      </th>
      <th scope="col" className="num">
        Lift
      </th>
      <th scope="col">Reading</th>
      <th scope="col" className="num">
        Closed
      </th>
      <th scope="col" className="num">
        Win rate (95% CI)
      </th>
      <th scope="col" className="num">
        Lift
      </th>
      <th scope="col">Reading</th>
    </>
  );
}

function Reasons({ groups, what, nothing }: { groups: readonly ReasonsBy[]; what: string; nothing: string }) {
  return (
    <>
      {groups.map((group) => {
        const dimension = DIMENSION_TEXT[group.dimension];
        const shown = group.rows.slice(0, MAX_REASON_ROWS);
        return (
          <div key={group.dimension}>
            <h3>By {dimension.toLowerCase()}</h3>
            {group.rows.length === 0 ? (
              <p className="muted">{nothing}</p>
            ) : (
              <div className="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{dimension}</th>
                      <th scope="col" className="num">
                        {what}
                      </th>
                      <th scope="col">Top reasons</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((row) => (
                      <tr key={row.key ?? '\u0000'}>
                        <th scope="row">
                          <bdi>{groupName(row.key, group.dimension)}</bdi>
                        </th>
                        <td className="num">{count(row.total)}</td>
                        <td>{row.reasons.slice(0, MAX_REASONS_PER_ROW).map(countedText).join('; ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {group.rows.length > shown.length && (
                  <p className="muted">
                    … and {count(group.rows.length - shown.length)} more (all of them with --json).
                  </p>
                )}
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

function IcpReviewPage({ report }: { report: IcpReviewReport }): ReactElement {
  const { review, minGroupSize } = report;
  const baseline: IcpSlice = {
    key: 'baseline',
    label: 'All leads (baseline)',
    leads: review.baseline.leads,
    conversion: { rate: review.baseline.conversion, lift: review.baseline.leads > 0 ? 1 : null, significant: false },
    winRate: {
      rate: review.baseline.winRate,
      lift: review.baseline.winRate.denominator > 0 ? 1 : null,
      significant: false,
    },
  };
  return (
    <main>
      <header>
        <h1>ICP review {review.quarter}</h1>
        <p className="muted">
          <bdi>{report.agreement.name ?? 'The agreement'}</bdi> v{report.agreement.version} · leads created{' '}
          {review.from} to {review.to} ({report.agreement.timezone}) · fit scored at {report.scoredAt}
        </p>
        <ul className="kpis" aria-label="Headline figures">
          <li>
            <strong>{count(review.baseline.leads)}</strong> leads in the cohort
          </li>
          <li>
            <strong>{percent(review.baseline.conversion.value)}</strong> reached “{review.conversionStage}”
          </li>
          <li>
            <strong>{percent(review.baseline.winRate.value)}</strong> win rate (
            {count(review.baseline.winRate.denominator)} leads with a closed deal)
          </li>
          <li>
            <strong>{count(review.proposals.length)}</strong> proposed change{review.proposals.length === 1 ? '' : 's'}
          </li>
        </ul>
        <p className="muted">
          Groups under {count(minGroupSize)} are shown but marked too small to read; a rate reads above or below the
          baseline only when its whole 95% interval does.
        </p>
      </header>

      <section aria-labelledby="tiers">
        <h2 id="tiers">Conversion and win rate by ICP tier</h2>
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <SliceHeaders />
              </tr>
            </thead>
            <tbody>
              <tr data-baseline="">
                <th scope="row">{baseline.label}</th>
                <SliceCells slice={baseline} minGroupSize={minGroupSize} baseline />
              </tr>
              {review.byTier.map((t) => (
                <tr key={t.tier}>
                  <th scope="row">{t.label}</th>
                  <SliceCells slice={t} minGroupSize={minGroupSize} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="criteria">
        <h2 id="criteria">Conversion and win rate by ICP criterion</h2>
        <p className="muted">
          Each criterion splits the cohort into the leads that match it and those that do not; lift is against the
          baseline.
        </p>
        {review.byCriterion.length === 0 ? (
          <p>The ICP has no criteria.</p>
        ) : (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                  <th scope="col">Leads that…</th>
                  <SliceHeaders />
                </tr>
              </thead>
              <tbody>
                {review.byCriterion.flatMap((c) => [
                  <tr key={`${c.criterionId}:m`}>
                    <th scope="row" rowSpan={2}>
                      <bdi>{c.label}</bdi>
                    </th>
                    <td className="num" rowSpan={2}>
                      {count(c.weight)}
                    </td>
                    <td>match</td>
                    <SliceCells slice={c.matched} minGroupSize={minGroupSize} />
                  </tr>,
                  <tr key={`${c.criterionId}:u`}>
                    <td>do not match</td>
                    <SliceCells slice={c.unmatched} minGroupSize={minGroupSize} />
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rejects">
        <h2 id="rejects">Reject reasons by source and campaign</h2>
        <p className="muted">Leads sales rejected or recycled in the quarter, with the reason picked.</p>
        <Reasons groups={review.rejectReasons} what="Rejected" nothing="No lead was rejected in the quarter." />
      </section>

      <section aria-labelledby="losses">
        <h2 id="losses">Loss reasons by source and campaign</h2>
        <p className="muted">
          {report.counts.opportunities === undefined
            ? 'No deals were given (--opportunities): nothing to show.'
            : 'Deals closed lost in the quarter; lost deals without a reason count as "unspecified".'}
        </p>
        <Reasons groups={review.lossReasons} what="Lost" nothing="No deal was closed lost in the quarter." />
      </section>

      <section aria-labelledby="themes">
        <h2 id="themes">Top objection themes</h2>
        {review.topThemes.length === 0 ? (
          <p className="muted">No objection theme was recorded on the deals closed in the quarter.</p>
        ) : (
          <>
            <p className="muted">
              Share of the deals closed in the quarter (won or lost) on which each theme was heard.
            </p>
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Theme</th>
                    <th scope="col" className="num">
                      Deals
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {review.topThemes.map((t) => (
                    <tr key={t.id}>
                      <th scope="row">
                        <bdi>{t.label}</bdi>
                      </th>
                      <td className="num">{count(t.count)}</td>
                      <td className="num">{percent(t.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="proposals">
        <h2 id="proposals">Proposed ICP changes</h2>
        <p className="note">{PILOT_NOTE}</p>
        {review.proposals.length === 0 ? (
          <p>
            No change is proposed: no criterion or attribute moved conversion beyond what chance explains in groups of{' '}
            {count(minGroupSize)} or more.
          </p>
        ) : (
          <ol className="proposals">
            {review.proposals.map((p) => (
              <li key={`${p.kind}:${p.criterionId ?? p.field}:${String(p.value)}`}>
                <strong>{p.summary}</strong>
                <span className="evidence">
                  Evidence: {p.evidence} (strength {p.strength.toFixed(2)})
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="issues">
        <h2 id="issues">Data issues</h2>
        {report.issues.length === 0 ? (
          <p className="muted">None found.</p>
        ) : (
          <>
            <p>
              {count(report.issues.length)} issue(s): {issueCodes(report.issues)}. The records still count as recorded.
            </p>
            <ul className="issues">
              {report.issues.slice(0, MAX_ISSUES).map((issue, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a static list, rendered once
                <li key={i}>
                  <code>{issueWhere(issue)}</code>: {issue.message}
                </li>
              ))}
              {report.issues.length > MAX_ISSUES && (
                <li>… and {count(report.issues.length - MAX_ISSUES)} more (all of them with --json).</li>
              )}
            </ul>
          </>
        )}
      </section>

      <footer>
        Written by <code>accord icp-review</code>. A static page: no scripts, no requests.
      </footer>
    </main>
  );
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * @name renderIcpReviewHtml
 * @category Report
 * @summary The quarterly ICP review as one offline HTML page: no scripts, no requests, every value escaped.
 *
 * @description
 * The same sections and figures as {@link renderIcpReviewMarkdown}, rendered with `react-dom/server`:
 * React escapes every string from the data and the agreement, so a campaign called
 * `<img src=x onerror=alert(1)>` renders as text. The stylesheet is inlined and a
 * Content-Security-Policy meta tag allows only it (by hash): no script, image, font or request. The
 * page follows the reader's light or dark setting; readings are written in words as well as coloured.
 *
 * @param report - {@link IcpReviewReport}.
 * @returns The HTML document.
 *
 * @example
 * writeFileSync('icp-review-2026Q3.html', renderIcpReviewHtml(report))
 */
export function renderIcpReviewHtml(report: IcpReviewReport): string {
  const body = renderToStaticMarkup(<IcpReviewPage report={report} />);
  // The policy allows the stylesheet by its hash and nothing else: an inline style attribute would be refused.
  if (/ style="/.test(body)) throw new Error('[accord] the ICP review must not use inline style attributes');
  const csp = `default-src 'none'; style-src ${sha256(ICP_REVIEW_CSS)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const title = `ICP review ${report.review.quarter}${report.agreement.name ? ` — ${report.agreement.name}` : ''}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${ICP_REVIEW_CSS}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}
