// Test helper: count the items of a named Vega mark in rendered SVG text. Vega writes each mark
// as `<g class="mark-<type> role-mark <name>_marks">` holding one element per item (a line series
// may be split over several such groups, one per colour).

/** Items drawn by the mark named `name` (its `name` in the Vega-Lite spec). */
export function markItemCount(svg: string, name: string): number {
  const open = new RegExp(`<g class="mark-[a-z]+ role-mark ${name}_marks"[^>]*>`, 'g');
  let count = 0;
  for (const match of svg.matchAll(open)) {
    const start = match.index + match[0].length;
    const end = svg.indexOf('</g>', start);
    count += (svg.slice(start, end).match(/role="graphics-symbol"/g) ?? []).length;
  }
  return count;
}

/** Every `http(s)://` URL in the text. */
export function urlsIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s"'<>)]*/g) ?? [];
}
