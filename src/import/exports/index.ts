// Venue exports (Binance, Bybit, OKX, Hyperliquid, dYdX, Deribit, CCXT) read into the canonical
// model: positions, cross-wallet balances, tier tables keyed by the venue profile's tier key, and
// the venue's own figures for comparison. One entry point for one venue's files together
// (e.g. Binance positionRisk + account + leverageBracket + symbolConfig); each file's format is
// detected by its JSON shape or CSV header, or given. Text in, values out: no paths, no console.

import type { Balance } from '../../domain/balance.js';
import type { Issue } from '../../domain/issue.js';
import type { Position } from '../../domain/position.js';
import type { TierTable } from '../../domain/tier.js';
import type { VenueName } from '../../domain/venue-name.js';
import { normalizeHeaderName } from '../header-columns.js';
import { exportCsvShape } from './export-csv-shape.js';
import { EXPORT_FORMAT_NAMES } from './export-format-names.js';
import { readExportDocument, type ExportDocument, type ExportFile } from './export-document.js';
import type { ExportFamily, ExportFormat, ExportFormatName } from './export-format.js';
import { EXPORT_FORMATS } from './export-formats.js';
import { ImportSink } from './import-sink.js';
import type { VenueReportedAccount, VenueReportedPosition } from './venue-reported.js';

export type { ExportFile } from './export-document.js';
export type { ExportFormatName } from './export-format.js';
export type { ReportedLiquidationPrice, VenueReportedAccount, VenueReportedPosition } from './venue-reported.js';

/** Every format name, in detection order (for `--format-in` choices and messages). */
export { EXPORT_FORMAT_NAMES } from './export-format-names.js';

export interface VenueImport {
  readonly positions: Position[];
  readonly balances: Balance[];
  /** Tier tables of `venue`, keyed by its profile's `tierKey`. */
  readonly tiers: Map<string, TierTable>;
  /** Tier tables of every venue the files name (Bybit linear and inverse together), as a TierBook overlay. */
  readonly tierBook: Map<VenueName, Map<string, TierTable>>;
  /** The venue profile of the import: the one most positions use (each position names its own). */
  readonly venue: VenueName;
  /** Input problems: the positions and balances they concern were not imported. */
  readonly issues: Issue[];
  /** Located observations that do not block (a venue figure reported as none, a mode taken as a default). */
  readonly warnings: Issue[];
  /** What was skipped (zero sizes, closed positions) or derived (mark prices, wallets), one line each. */
  readonly notes: string[];
  /** The venue's own figures per position id, to compare an evaluation with. */
  readonly venueReported: Map<string, VenueReportedPosition>;
  /** The venue's own account totals per account. */
  readonly accountReported: Map<string, VenueReportedAccount>;
  /** The format each file was read as, in the order given (null: unreadable or not recognised). */
  readonly formats: { readonly file: string; readonly format: ExportFormatName | null }[];
}

interface VenueImportOptions {
  /** Account of every position and balance; default: what the export names, else `main`. */
  readonly account?: string | undefined;
  /** Format of every file; default `auto` (detected per file). */
  readonly format?: ExportFormatName | 'auto' | undefined;
  /** CCXT exchange id (`binanceusdm`, `bybit`, `okx`, …) naming the venue of CCXT exports. */
  readonly exchange?: string | undefined;
}

/** Profile of an import with no position and no tier table, by family. */
const FAMILY_VENUE: Readonly<Record<ExportFamily, VenueName>> = {
  'binance-usdm': 'binance-usdm',
  bybit: 'bybit-linear',
  okx: 'okx-swap',
  hyperliquid: 'hyperliquid',
  dydx: 'dydx-v4',
  deribit: 'deribit',
  ccxt: 'generic',
};

function detectDocument(doc: ExportDocument): ExportFormat | null {
  if (doc.kind === 'json') return EXPORT_FORMATS.find((f) => f.matchesJson(doc.json.value)) ?? null;
  const header = new Set(doc.header.map(normalizeHeaderName));
  return EXPORT_FORMATS.find((f) => f.matchesCsvHeader(header)) ?? null;
}

function unrecognisedMessage(doc: ExportDocument): string {
  if (doc.kind === 'json' && Array.isArray(doc.json.value) && doc.json.value.length === 0) {
    return 'an empty JSON array: nothing to recognise the format by; give the format to read it as an export with nothing in it';
  }
  const what = doc.kind === 'json' ? 'its JSON shape' : 'its CSV header';
  return `not a recognised venue export: ${what} matches none of the known formats (${EXPORT_FORMAT_NAMES.join(', ')})`;
}

/**
 * The format of one export file, by its JSON shape or CSV header; null when it is none of them
 * (a canonical positions.csv, unreadable text).
 * Example: a file holding `[{"symbol": "BTCUSDT", "positionAmt": "0.1", "entryPrice": …}]` →
 * `binance-usdm-position-risk`.
 */
export function detectExportFormat(file: ExportFile): ExportFormatName | null {
  const doc = readExportDocument(file, []);
  return doc === null ? null : (detectDocument(doc)?.name ?? null);
}

function primaryVenue(sink: ImportSink, family: ExportFamily | null): VenueName {
  const counts = new Map<VenueName, number>();
  for (const p of sink.positions) counts.set(p.venue, (counts.get(p.venue) ?? 0) + 1);
  if (counts.size > 1) sink.note(`positions on several venue profiles (${[...counts.keys()].join(', ')}): each position names its own`);
  let best: VenueName | null = null;
  for (const [venue, count] of counts) if (best === null || count > counts.get(best)!) best = venue;
  return best ?? sink.fileVenues[0] ?? (family === null ? 'generic' : FAMILY_VENUE[family]);
}

/**
 * Read one venue's export files together into the canonical model. Files are read context
 * first (settings, instruments, tiers, prices), then positions, then wallets, whatever order
 * they are given in; files of different venues in one call are an issue.
 */
export function importVenueExport(files: readonly ExportFile[], options: VenueImportOptions = {}): VenueImport {
  const sink = new ImportSink(options.account, options.exchange);
  const formats: { file: string; format: ExportFormatName | null }[] = [];
  const toRead: { doc: ExportDocument; format: ExportFormat; order: number }[] = [];
  let family: ExportFamily | null = null;
  let familyFile = '';
  const auto = options.format === undefined || options.format === 'auto';
  const forced = auto ? null : (EXPORT_FORMATS.find((f) => f.name === options.format) ?? null);
  if (!auto && forced === null) {
    sink.addIssue({
      code: 'unknown-value',
      file: '--format-in',
      line: 0,
      column: '',
      message: `unknown export format; one of auto, ${EXPORT_FORMAT_NAMES.join(', ')}`,
      value: String(options.format),
    });
    sink.finish();
    return importResult(sink);
  }

  files.forEach((file, order) => {
    sink.beginFile(file.label);
    const issues: Issue[] = [];
    const doc = readExportDocument(file, issues);
    for (const issue of issues) sink.addIssue(issue);
    if (doc !== null && doc.kind === 'csv') {
      const shape = exportCsvShape(doc, file.text);
      for (const warning of shape.warnings) sink.warn(warning);
      for (const issue of shape.issues) sink.addIssue(issue);
      if (shape.issues.length > 0) return;
    }
    const format = doc === null ? null : (forced ?? detectDocument(doc));
    formats.push({ file: file.label, format: format?.name ?? null });
    if (doc === null) return;
    if (format === null) {
      sink.addIssue({ code: 'unsupported', file: file.label, line: doc.kind === 'csv' ? doc.headerLine : 0, column: '', message: unrecognisedMessage(doc) });
      return;
    }
    if (family === null) {
      family = format.family;
      familyFile = file.label;
    } else if (format.family !== family) {
      sink.addIssue({
        code: 'unsupported',
        file: file.label,
        line: 0,
        column: '',
        message: `an export of ${format.family}, but ${familyFile} is of ${family}: import one venue's files at a time`,
      });
      return;
    }
    toRead.push({ doc, format, order });
  });

  toRead.sort((a, b) => a.format.stage - b.format.stage || a.order - b.order);
  for (const { doc, format } of toRead) {
    sink.beginFile(doc.file);
    format.read(doc, sink);
  }
  sink.finish();
  return { ...importResult(sink, primaryVenue(sink, family)), formats };
}

/** What the sink holds, as the result of an import (`formats` filled in by the caller). */
function importResult(sink: ImportSink, venue: VenueName = 'generic'): VenueImport {
  return {
    positions: sink.positions,
    balances: sink.balances,
    tiers: sink.tierBook.get(venue) ?? new Map(),
    tierBook: sink.tierBook,
    venue,
    issues: sink.issues,
    warnings: sink.warnings,
    notes: sink.notes,
    venueReported: sink.venueReported,
    accountReported: sink.accountReported,
    formats: [],
  };
}
