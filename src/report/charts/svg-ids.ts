// Element ids inside a rendered SVG (clip paths, legend gradients) made local: Vega numbers them
// from process-wide counters, so the same chart would get different ids on a second render and
// two charts in one page could only be told apart by luck. Ids are renumbered in order of
// appearance under a caller-chosen prefix, and every reference to them follows.

/** Characters allowed in a prefix: they go into `id` attributes and `url(#…)` references. */
const PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The SVG with its ids renamed `${prefix}1`, `${prefix}2`… and references updated. */
export function localizeSvgIds(svg: string, prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`localizeSvgIds: prefix ${JSON.stringify(prefix)} is not a valid id start`);
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!renamed.has(id)) renamed.set(id, `${prefix}${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (whole, open: string, id: string, close: string) => `${open}${renamed.get(id) ?? id}${close}`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)!})` : whole))
    .replace(/(href=")#([^"]+)(")/g, (whole, open: string, id: string, close: string) => (renamed.has(id) ? `${open}#${renamed.get(id)!}${close}` : whole));
}
