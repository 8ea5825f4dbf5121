// Vega-Lite spec in, standalone SVG text out, entirely in process: the spec is compiled with
// `vega-lite`, parsed by `vega` and rendered headless (`renderer: 'none'`, `toSVG`). The loader
// refuses every URL, so a chart can never reach the network, Vega's log goes to a callback
// instead of the console, and element ids are renumbered so output is deterministic. Vega and
// Vega-Lite (several hundred modules) are loaded on the first chart, not when this module is:
// a report without charts, and a program importing the library, does not pay for them.

import type { Loader, LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './chart-theme.js';
import { localizeSvgIds } from './svg-ids.js';

/** Receives Vega and Vega-Lite warnings (a chart renders anyway). */
export type ChartWarningSink = (message: string) => void;

function refuse(uri: string): never {
  throw new Error(`renderChartSvg: charts render offline; refused to load ${JSON.stringify(uri)}`);
}

/** A loader for which every resource is out of reach: charts carry their data inline. */
const OFFLINE_LOADER: Loader = {
  load: async (uri) => refuse(uri),
  sanitize: async (uri) => refuse(uri),
  http: async (uri) => refuse(uri),
  file: async (filename) => refuse(filename),
};

/** Vega's `Warn` log level: warnings and errors are reported, info and debug dropped. */
const LEVEL_WARN = 2;

/** A Vega logger that forwards warnings to a callback and keeps errors for the caller to throw. */
class ChartLogger implements LoggerInterface {
  private currentLevel = LEVEL_WARN;
  readonly errors: string[] = [];

  constructor(private readonly onWarning: ChartWarningSink | undefined) {}

  level(next?: number): number | LoggerInterface {
    if (next === undefined) return this.currentLevel;
    this.currentLevel = next;
    return this;
  }

  error(...args: unknown[]): this {
    this.errors.push(args.map(String).join(' '));
    return this;
  }

  warn(...args: unknown[]): this {
    this.onWarning?.(args.map(String).join(' '));
    return this;
  }

  info(): this {
    return this;
  }

  debug(): this {
    return this;
  }
}

interface RenderChartOptions {
  /** Receives Vega and Vega-Lite warnings. */
  readonly onWarning?: ChartWarningSink;
  /** Prefix of the SVG's element ids (make it unique per chart within one page); default `chart-`. */
  readonly idPrefix?: string;
}

/**
 * Render a Vega-Lite spec to a standalone SVG document (with its XML namespaces, so it can be
 * saved as a `.svg` file). The theme in `chart-theme.ts` is applied under the spec's own config.
 * The same spec and prefix always give the same text.
 */
export async function renderChartSvg(spec: TopLevelSpec, options: RenderChartOptions = {}): Promise<string> {
  const [{ View, parse }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const logger = new ChartLogger(options.onWarning);
  const vegaSpec = compile(spec, { config: CHART_CONFIG, logger }).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: OFFLINE_LOADER, logger });
  try {
    const svg = await view.toSVG();
    if (logger.errors.length > 0) throw new Error(`renderChartSvg: ${logger.errors.join('; ')}`);
    return localizeSvgIds(svg, options.idPrefix ?? 'chart-');
  } finally {
    view.finalize();
  }
}
