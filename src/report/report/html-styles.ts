// The report's stylesheet, inlined in the page: system fonts, cards per section, right-aligned
// tabular numbers, the mode colours of the charts, tones for warning and danger cells, and a
// print layout. Nothing here loads anything.

import { MODE_COLORS } from '../charts/chart-theme.js';

/** CSS of the HTML report. */
export const REPORT_CSS = `
:root {
  --ink: #1f2933; --muted: #52606d; --faint: #7b8794; --line: #e4e7eb; --line-strong: #cbd2d9;
  --page: #f3f5f8; --card: #ffffff; --accent: #334e68;
  --danger: #b42335; --danger-bg: #fdecee; --warning: #8a5300; --warning-bg: #fff5dc;
  --exported: ${MODE_COLORS.exported}; --isolated: ${MODE_COLORS.isolated}; --cross: ${MODE_COLORS.cross};
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
}
main { max-width: 1280px; margin: 0 auto; padding: 28px 32px 56px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 0; }
h3 { font-size: 15px; margin: 26px 0 10px; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 6px; }
p { margin: 6px 0; }
.lede { color: var(--muted); margin: 0 0 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 18px 0; box-shadow: 0 1px 2px rgba(31, 41, 51, 0.04); }
.card > h2 { margin-bottom: 12px; }
.inputs { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
.inputs dt { color: var(--muted); }
.inputs dd { margin: 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; width: auto; }
caption { text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 6px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line-strong); white-space: nowrap; }
thead tr.groups th { border-bottom: 1px solid var(--line); text-align: center; color: var(--ink); }
tbody th { font-weight: 500; text-align: left; white-space: nowrap; }
tbody tr:hover { background: #f8fafc; }
.num { text-align: right; white-space: nowrap; }
.txt { text-align: left; }
.id { overflow-wrap: break-word; word-break: normal; max-width: 24em; }
.tone-danger { color: var(--danger); font-weight: 600; background: var(--danger-bg); }
.tone-warning { color: var(--warning); background: var(--warning-bg); }
.mode { white-space: nowrap; }
.mode::before { content: ""; display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.mode-exported::before { background: var(--exported); }
.mode-isolated::before { background: var(--isolated); }
.mode-cross::before { background: var(--cross); }
.summary-table { font-size: 13px; }
.summary-table td, .summary-table th { padding: 4px 8px; }
.summary-table td.id { min-width: 7em; overflow-wrap: anywhere; }
.summary-table thead th { white-space: normal; vertical-align: bottom; }
.summary-table a { color: var(--accent); font-weight: 600; text-decoration: none; }
.summary-table a:hover { text-decoration: underline; }
.account-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.rank { display: inline-block; min-width: 2.2em; padding: 1px 8px; border-radius: 999px; background: var(--accent); color: #fff; font-size: 13px; font-weight: 600; text-align: center; }
.headline { color: var(--muted); margin: 4px 0 0; }
.callout { border-left: 4px solid var(--warning); background: var(--warning-bg); padding: 8px 12px; border-radius: 4px; margin: 12px 0; }
.stack > * + * { margin-top: 18px; }
.split { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 28px; align-items: start; }
.replay td.num { white-space: normal; }
.verdict-sentence { font-size: 15px; margin: 4px 0 10px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 20px; }
figure.chart { margin: 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
details { margin: 12px 0; }
details > summary { cursor: pointer; color: var(--accent); font-weight: 600; }
details[open] > summary { margin-bottom: 8px; }
.note { color: var(--muted); font-size: 13px; }
.more { color: var(--muted); font-style: italic; }
pre.grid { font-size: 12px; line-height: 1.25; }
footer { color: var(--muted); font-size: 12.5px; margin-top: 28px; }
footer p { max-width: 80em; }
@media (max-width: 1100px) { .split { grid-template-columns: 1fr; } main { padding: 20px 16px 40px; } }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  .card { box-shadow: none; break-inside: avoid-page; border-color: #ccc; }
  details > summary { display: none; }
  tbody tr:hover { background: none; }
}
`;
