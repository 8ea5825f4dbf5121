// Markdown from user text. Two strengths of escaping:
//   markdownCell / markdownText / markdownCellTable   the command outputs (`--format markdown`):
//       pipes, backslashes, backticks and line breaks escaped (and `<` in running text)
//   escapeMarkdown / markdownTable / markdownImage      the `report` document and evaluate's
//       extras: besides those, emphasis and link brackets are backslash-escaped and `<`, `>`, `&`
//       become entities, so a hostile account name can neither format, link nor inject HTML in
//       any renderer (user text never starts a line, so heading and list markers need no escape)

import type { TableView } from './table-view.js';

/** Escape text for a Markdown table cell: pipes, backslashes, line breaks, inline code ticks. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/\r?\n|\r/g, ' ');
}

/** Text as one Markdown list item or paragraph line (no line breaks, no raw HTML). */
export function markdownText(text: string): string {
  return markdownCell(text).replace(/</g, '&lt;');
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
  return markdownCell(text)
    .replace(/[*_[\]<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
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
