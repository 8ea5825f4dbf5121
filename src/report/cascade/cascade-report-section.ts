// The "Liquidation cascade" section of the HTML and Markdown reports (`report ... --crowd FILE
// --depth FILE [--insurance-fund ...] --event ...`): per symbol the exogenous and realised moves
// and the amplification, liquidated notional by round, the insurance fund (its path, charted, in
// a replay), the ADL fills, the own accounts in the three modes (ADL exposure included) and the
// own liquidations the cascade caused. The same tables as `cascade` (cascade-views.ts).

import type { CascadeMarketResult, CascadeResult, OwnAccountResult } from '../../cascade/cascade-result.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import { cascadeFundSpec, cascadeMovesSpec, cascadeRoundsSpec } from '../charts/cascade-charts.js';
import { renderChartSvg } from '../charts/render-chart-svg.js';
import { escapeHtml } from '../format/html-escape.js';
import { escapeMarkdown } from '../format/markdown-text.js';
import { formatPercent } from '../format/number-format.js';
import { chartFigure } from '../report/inline-svg.js';
import { marketTables, type TextTable } from './cascade-views.js';

const TITLE = 'Liquidation cascade';

/** One line per own liquidation (account, mode, position) the cascade caused. */
function cascadeCausedLines(accounts: readonly OwnAccountResult[]): string[] {
  const lines: string[] = [];
  for (const a of accounts) {
    for (const mode of MODE_NAMES) {
      for (const p of a.modes[mode].positions) {
        const v = p.liquidatedByCascade;
        if (v === false || v === 0) continue;
        lines.push(typeof v === 'number' ? `${a.account} ${p.positionId} (${mode}): liquidated by the cascade on ${formatPercent(v)} of paths` : `${a.account} ${p.positionId} (${mode}): liquidated by the cascade${p.liquidatedStep === null ? '' : ` in step ${p.liquidatedStep}`}; the exogenous path alone would not have`);
      }
    }
  }
  return lines;
}

interface Part {
  readonly heading: string;
  readonly blurb: string;
  readonly market: CascadeMarketResult;
  readonly accounts: readonly OwnAccountResult[];
  readonly overPaths: boolean;
  readonly startMs: number | null;
  readonly stepEndMs: readonly number[];
}

function parts(result: CascadeResult): Part[] {
  if (result.events !== null) {
    return result.events.map((e) => ({ heading: e.event, blurb: `${new Date(e.startMs).toISOString()} to ${new Date(e.endMs).toISOString()}, ${e.steps} bars (each walked through its low and high).`, market: e.market, accounts: e.accounts, overPaths: false, startMs: e.startMs, stepEndMs: e.stepEndMs }));
  }
  return [{ heading: 'Over all paths', blurb: 'Means over the Monte Carlo paths; probabilities for the own accounts.', market: result.market!, accounts: result.ownAccounts!, overPaths: true, startMs: null, stepEndMs: [] }];
}

function intro(result: CascadeResult): string {
  return `${result.accounts} accounts (${result.positions} positions) in the market, settled in ${result.asset}; insurance fund ${result.fund} ${result.asset} at the start.`;
}

function htmlTextTable(t: TextTable): string {
  const head = t.header.map((h, k) => `<th class="${t.align[k] === 'right' ? 'num' : ''}">${escapeHtml(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c, k) => `<td class="${t.align[k] === 'right' ? 'num' : ''}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<h4>${escapeHtml(t.title)}</h4>\n<table class="cascade">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function markdownTextTable(t: TextTable): string {
  const header = `| ${t.header.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${t.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return `#### ${escapeMarkdown(t.title)}\n\n${[header, rule, ...t.rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`)].join('\n')}\n`;
}

function causedText(lines: readonly string[]): string {
  return lines.length === 0 ? 'The cascade caused none of the own liquidations: each would have happened on the exogenous path alone.' : 'Own liquidations the cascade caused (liquidated on the realised path, not on the exogenous one):';
}

/** The section as HTML (tables and inline SVG charts); '' when `result` is null. */
export async function cascadeSectionHtml(result: CascadeResult | null): Promise<string> {
  if (result === null) return '';
  const out = [`<section class="cascade" id="liquidation-cascade">\n<h2>${TITLE}</h2>\n<p class="note">${escapeHtml(intro(result))}</p>`];
  let chart = 0;
  const figure = async (spec: Parameters<typeof renderChartSvg>[0] | null, caption: string, kind: string): Promise<void> => {
    if (spec === null) return;
    out.push(chartFigure(await renderChartSvg(spec, { idPrefix: `cascade-${chart++}-` }), caption, kind));
  };
  for (const part of parts(result)) {
    out.push(`<h3>${escapeHtml(part.heading)}</h3>\n<p class="note">${escapeHtml(part.blurb)}</p>`);
    await figure(cascadeMovesSpec(part.market.symbols, `${part.heading}: exogenous vs realised move`), 'Exogenous and realised move per symbol', 'cascade-moves');
    await figure(cascadeRoundsSpec(part.market.symbols, result.asset, `${part.heading}: liquidated notional by round`), 'Liquidated notional by round', 'cascade-rounds');
    const fund = part.market.insuranceFund[0];
    if (fund !== undefined && part.startMs !== null) await figure(cascadeFundSpec(fund, part.startMs, part.stepEndMs, `${part.heading}: insurance fund`), 'Insurance fund balance', 'cascade-fund');
    for (const t of marketTables(part.market, part.accounts, result.asset, part.overPaths)) out.push(htmlTextTable(t));
    const caused = cascadeCausedLines(part.accounts);
    out.push(`<p>${escapeHtml(causedText(caused))}</p>`);
    if (caused.length > 0) out.push(`<ul class="cascade-caused">\n${caused.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`);
  }
  if (result.notes.length > 0) out.push(`<ul class="notes">\n${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ul>`);
  out.push('</section>\n');
  return out.join('\n');
}

/** The section as Markdown; '' when `result` is null. */
export function cascadeSectionMarkdown(result: CascadeResult | null): string {
  if (result === null) return '';
  const out = [`\n## ${TITLE}\n\n${escapeMarkdown(intro(result))}\n`];
  for (const part of parts(result)) {
    out.push(`### ${escapeMarkdown(part.heading)}\n\n${escapeMarkdown(part.blurb)}\n`);
    for (const t of marketTables(part.market, part.accounts, result.asset, part.overPaths)) out.push(markdownTextTable(t));
    const caused = cascadeCausedLines(part.accounts);
    out.push(`${escapeMarkdown(causedText(caused))}\n${caused.length === 0 ? '' : `\n${caused.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}\n`}`);
  }
  if (result.notes.length > 0) out.push(`${result.notes.map((n) => `- ${escapeMarkdown(n)}`).join('\n')}\n`);
  return out.join('\n');
}
