// A formatted table view (rows of text cells with a tone) as an HTML table: every cell escaped,
// numbers right-aligned, tones as classes, and margin-mode column headers with the mode's colour.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { Alignment, TableView, ViewCell } from '../format/table-view.js';
import { escapeHtml } from '../format/html-escape.js';

interface HtmlTableOptions {
  /** Shown above the table. */
  readonly caption?: string;
  /** The first column names the row (a measure): rendered as row headers. */
  readonly rowHeaders?: boolean;
  /** Extra class on the table element. */
  readonly className?: string;
}

const MODE_SET: ReadonlySet<string> = new Set(MODE_NAMES);

/** Header text; a margin mode name gets its colour swatch. */
export function headerContent(text: string): string {
  const escaped = escapeHtml(text);
  return MODE_SET.has(text) ? `<span class="mode mode-${text}">${escaped}</span>` : escaped;
}

/** Class attribute for a cell: alignment plus tone. */
export function cellClass(align: Alignment | undefined, tone: ViewCell['tone']): string {
  const classes = [align === 'right' ? 'num' : 'txt'];
  if (tone !== 'plain') classes.push(`tone-${tone}`);
  return classes.join(' ');
}

/** The table as HTML (wrapped so wide tables scroll instead of overflowing the page). */
export function htmlTable(view: TableView, options: HtmlTableOptions = {}): string {
  const head = view.header
    .map((text, i) => `<th scope="col" class="${view.align[i] === 'right' ? 'num' : 'txt'}">${headerContent(text)}</th>`)
    .join('');
  const body = view.rows
    .map((row) => {
      const cells = row.map((c, i) => {
        const tag = options.rowHeaders === true && i === 0 ? 'th' : 'td';
        const scope = tag === 'th' ? ' scope="row"' : '';
        return `<${tag}${scope} class="${cellClass(view.align[i], c.tone)}">${escapeHtml(c.text)}</${tag}>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = options.caption === undefined ? '' : `<caption>${escapeHtml(options.caption)}</caption>`;
  const className = options.className === undefined ? '' : ` class="${escapeHtml(options.className)}"`;
  return `<div class="table-wrap"><table${className}>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}
