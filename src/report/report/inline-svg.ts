// A rendered chart placed inside the HTML page: the standalone SVG loses its XML namespace
// declarations (HTML parses inline <svg> into the SVG namespace by itself, and the page then
// holds no URL at all), gains an accessible label, and is wrapped in a figure.

import { escapeHtml } from '../format/html-escape.js';

const NAMESPACE_DECLARATIONS = [' xmlns="http://www.w3.org/2000/svg"', ' xmlns:xlink="http://www.w3.org/1999/xlink"'];

/** The SVG for inline use: no namespace declarations, `role="img"` and `aria-label` on the root. */
function inlineSvg(svg: string, label: string): string {
  const end = svg.indexOf('>');
  if (!svg.startsWith('<svg') || end === -1) throw new Error('inlineSvg: not an SVG document');
  let open = svg.slice(0, end);
  for (const declaration of NAMESPACE_DECLARATIONS) open = open.replace(declaration, '');
  return `${open} role="img" aria-label="${escapeHtml(label)}"${svg.slice(end)}`;
}

/** `<figure>` holding the inline chart of the given kind, described by `caption`. */
export function chartFigure(svg: string, caption: string, kind: string): string {
  return `<figure class="chart chart-${escapeHtml(kind)}">${inlineSvg(svg, caption)}</figure>`;
}
