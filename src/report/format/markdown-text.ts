// Escaping for user text in a Markdown report, stricter than a table cell needs: besides pipes,
// backticks and line breaks, emphasis and link brackets are backslash-escaped and `<`, `>`, `&`
// become entities, so a hostile account name can neither format, link nor inject HTML in any
// renderer (user text never starts a line, so heading and list markers need no escape). Also: tables and images built from escaped text.

import type { TableView } from '../evaluate/account-view.js';
import { markdownCell } from '../evaluate/markdown-writer.js';

/** Text safe anywhere inline in Markdown (headings, paragraphs, table cells, alt text). */
export function escapeMarkdown(text: string): string {
  return markdownCell(text)
    .replace(/[*_[\]<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** A GitHub-flavoured table; every cell escaped. */
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
