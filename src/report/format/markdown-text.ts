// Markdown from user text. Every strength of escaping makes text inert: pipes, backslashes,
// backticks and line breaks are escaped, link brackets are backslash-escaped and `<`, `>`, `&`
// become entities, so a hostile account name or position id can neither link (`[x](javascript:…)`)
// nor inject HTML (`<script>`, `<img onerror=…>`) in any renderer; user text never starts a line,
// so heading and list markers need no escape.
//   markdownCell / markdownText / markdownCellTable   the command outputs (`--format markdown`)
//   escapeMarkdown / markdownTable / markdownImage      the `report` document and evaluate's
//       extras, which also backslash-escape emphasis (`*`, `_`)

import type { TableView } from './table-view.js';

/** Pipes, backslashes, inline code ticks and line breaks escaped: the structure of a table row. */
function markdownStructure(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/\r?\n|\r/g, ' ');
}

/** Escape text for a Markdown table cell: its structure, link brackets and raw HTML. */
export function markdownCell(text: string): string {
  return markdownStructure(text).replace(/[[\]<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** Text as one Markdown list item or paragraph line (no line breaks, no links, no raw HTML). */
export function markdownText(text: string): string {
  return markdownCell(text);
}

/** A GitHub-flavoured table with cells escaped by markdownCell. */
export function markdownCellTable(view: TableView): string {
  const header = `| ${view.header.map(markdownCell).join(' | ')} |`;
  const rule = `|${view.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = view.rows.map((row) => `| ${row.map((c) => markdownCell(c.text)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

/** Text safe anywhere inline in Markdown (headings, paragraphs, table cells, alt text). */
export function escapeMarkdown(text: string): string {
  return markdownStructure(text).replace(/[*_[\]<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** A GitHub-flavoured table; every cell escaped by escapeMarkdown. */
export function markdownTable(view: TableView): string {
  const header = `| ${view.header.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${view.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = view.rows.map((row) => `| ${row.map((c) => escapeMarkdown(c.text)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

/** An image reference; the path is percent-encoded so spaces and brackets cannot break the link. */
export function markdownImage(altText: string, path: string): string {
  const encoded = encodeURI(path).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `![${escapeMarkdown(altText)}](${encoded})`;
}
