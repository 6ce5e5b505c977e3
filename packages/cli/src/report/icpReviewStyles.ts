/**
 * The ICP review page's stylesheet: system fonts, readable tables, the readings coloured by a
 * `data-reading` attribute (never by colour alone — each cell also says it in words), light and dark
 * from the reader's system setting, and forced-colours safe. No `url()`, no `@import`: the page
 * fetches nothing.
 */
export const ICP_REVIEW_CSS = `
:root { color-scheme: light dark;
  --bg: #f6f7f9; --surface: #ffffff; --text: #1c2026; --muted: #5b6472; --border: #d9dee5;
  --up: #11653b; --up-bg: #e3f4ea; --down: #a1271c; --down-bg: #fbe7e4; --small: #6b5a00; --small-bg: #fbf3d0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #121418; --surface: #1b1e24; --text: #e8eaee; --muted: #a3abb8; --border: #353b45;
    --up: #7fdca5; --up-bg: #143322; --down: #ff9d92; --down-bg: #3d1a17; --small: #e8cf6a; --small-bg: #332c0c; }
}
body { margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 80rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin: 0 0 .25rem; font-size: 1.2rem; }
h3 { margin: 1rem 0 .5rem; font-size: 1rem; }
p { margin: 0 0 .75rem; }
.muted { color: var(--muted); }
section { margin-top: 1.5rem; padding: 1rem 1.25rem 1.25rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; margin: 1rem 0 0; padding: 0; list-style: none; }
.kpis li { padding: .75rem 1rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }
.kpis strong { display: block; font-size: 1.4rem; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: .875rem; font-variant-numeric: tabular-nums; }
caption { text-align: start; padding: 0 0 .5rem; color: var(--muted); }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--border); text-align: start; vertical-align: top; }
thead th { border-bottom-width: 2px; vertical-align: bottom; }
tbody th { font-weight: 500; }
.num { text-align: end; white-space: nowrap; }
tr[data-baseline] > * { font-weight: 600; border-bottom-width: 2px; }
td[data-reading] { white-space: nowrap; }
td[data-reading="above"] { color: var(--up); background: var(--up-bg); }
td[data-reading="below"] { color: var(--down); background: var(--down-bg); }
td[data-reading="small"] { color: var(--small); background: var(--small-bg); }
td[data-reading="empty"], td[data-reading="flat"] { color: var(--muted); }
ol.proposals { padding-inline-start: 1.5rem; }
ol.proposals li { margin: 0 0 .75rem; }
ol.proposals .evidence { display: block; color: var(--muted); font-size: .875rem; }
.note { padding: .5rem .75rem; border-inline-start: 4px solid var(--small); background: var(--small-bg); }
ul.issues { padding-inline-start: 1.25rem; font-size: .875rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
footer { margin-top: 1.5rem; color: var(--muted); font-size: .875rem; }
@media (forced-colors: active) { td[data-reading] { forced-color-adjust: auto; } .note { border-inline-start-color: CanvasText; } }
`;
