// Collects what the export files of one import yield: positions, balances, tier tables, the
// venue's own figures, issues (blocking), warnings (located but not blocking) and notes (what was
// skipped or derived, so nothing happens silently). Formats write here; importVenueExport reads.

import type { Balance } from '../../domain/balance.js';
import { AMOUNT_RANGE, amountInRange, inRange, LEVERAGE_RANGE, outOfRangeMessage, PRICE_RANGE, SIZE_RANGE, type InputRange } from '../../domain/input-ranges.js';
import type { Issue } from '../../domain/issue.js';
import type { Position } from '../../domain/position.js';
import type { SymbolAssets } from '../../domain/symbol-assets.js';
import type { TierTable } from '../../domain/tier.js';
import type { VenueName } from '../../domain/venue-name.js';
import { IssueLog } from '../issue-log.js';
import { emptyExportContext, type ExportContext } from './export-context.js';
import { recordIssue, type ExportRecord } from './export-record.js';
import type { FieldContext } from './field-values.js';
import type { VenueReportedAccount, VenueReportedPosition } from './venue-reported.js';

/**
 * A position as a format has read it, before the sink gives it an id and a source: the domain
 * Position's fields, with its three asset names still together as `assets`.
 */
type PositionDraft = Omit<Position, 'positionId' | 'source' | 'settlementAsset' | 'quoteAsset' | 'baseAsset'> & {
  readonly assets: SymbolAssets;
};

/** The venue figures of a position, without what the sink fills in. */
type ReportedFigures = Omit<VenueReportedPosition, 'positionId' | 'asset' | 'source'>;

/** Items a grouped note names (`noteEach`); the rest are counted. */
const NOTE_ITEMS_LISTED = 10;

export class ImportSink {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly notes: string[] = [];
  readonly positions: Position[] = [];
  readonly balances: Balance[] = [];
  readonly tierBook = new Map<VenueName, Map<string, TierTable>>();
  readonly venueReported = new Map<string, VenueReportedPosition>();
  readonly accountReported = new Map<string, VenueReportedAccount>();
  readonly context: ExportContext = emptyExportContext();
  /** Venues named by files with no positions (a lone tier table), in reading order. */
  readonly fileVenues: VenueName[] = [];
  #log: IssueLog;
  #logFile = '';
  #issueCount = 0;
  readonly #firstLineOfId = new Map<string, number>();
  /** The texts of `notes` given to `note()`, for an O(1) duplicate check. */
  readonly #noted = new Set<string>();
  readonly #skipped = new Map<string, { file: string; what: string; count: number }>();
  readonly #grouped = new Map<string, { file: string; what: string; items: string[] }>();

  /**
   * @param accountOption the account every position and balance belongs to (else each format's own)
   * @param exchangeOption a CCXT exchange id, naming the venue of CCXT exports
   */
  constructor(
    readonly accountOption: string | undefined,
    readonly exchangeOption: string | undefined = undefined,
  ) {
    this.#log = new IssueLog(this.issues);
  }

  /** Start collecting the issues of `file` (issues are capped per file). */
  beginFile(file: string): void {
    this.#log.close(this.#logFile);
    this.#log = new IssueLog(this.issues);
    this.#logFile = file;
  }

  /** Close the last file's issue log. */
  finish(): void {
    this.#log.close(this.#logFile);
    for (const { file, what, count } of this.#skipped.values()) this.notes.push(`${file}: ${what} skipped: ${count}`);
    for (const { file, what, items } of this.#grouped.values()) {
      const listed = items.slice(0, NOTE_ITEMS_LISTED).join(', ');
      const more = items.length - NOTE_ITEMS_LISTED;
      this.notes.push(`${file}: ${what}: ${listed}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`);
    }
  }

  /** Issues added so far (listed or beyond the cap): compare before and after reading a record. */
  get issueCount(): number {
    return this.#issueCount;
  }

  addIssue(issue: Issue): void {
    this.#issueCount++;
    this.#log.add(issue);
  }

  /** A located observation that does not block evaluation (e.g. a venue figure reported as none). */
  warn(issue: Issue): void {
    this.warnings.push(issue);
  }

  note(text: string): void {
    if (this.#noted.has(text)) return;
    this.#noted.add(text);
    this.notes.push(text);
  }

  /** Field context whose issues name `account`. */
  forAccount(account: string | undefined): FieldContext {
    return { addIssue: (issue) => this.addIssue(account === undefined ? issue : { ...issue, account }), account };
  }

  /** The account of everything in the import: the user's option, else what the export names. */
  account(derived: string): string {
    return this.accountOption ?? derived;
  }

  /**
   * A note that holds for many items of a file (a symbol's table taken from the export, …): one
   * note per file and kind at the end, naming the first NOTE_ITEMS_LISTED items and how many more,
   * instead of a line per symbol.
   */
  noteEach(file: string, what: string, item: string): void {
    const key = `${file}\u0000${what}`;
    const entry = this.#grouped.get(key);
    if (entry === undefined) this.#grouped.set(key, { file, what, items: [item] });
    else entry.items.push(item);
  }

  /** Count a record skipped on purpose (zero size, closed, …); reported once per file in notes. */
  skip(file: string, what: string): void {
    const key = `${file}\u0000${what}`;
    const entry = this.#skipped.get(key);
    if (entry === undefined) this.#skipped.set(key, { file, what, count: 1 });
    else entry.count++;
  }

  /**
   * Add a position read from `record` (id `account:symbol:side`), with the venue's own figures.
   * A second position with the same id is an issue, and is not added.
   */
  addPosition(record: ExportRecord, draft: PositionDraft, reported: ReportedFigures | null): Position | null {
    const positionId = `${draft.account}:${draft.symbol}:${draft.side}`;
    const outOfRange = draftRangeIssues(draft);
    if (outOfRange.length > 0) {
      for (const { what, value, range } of outOfRange) {
        this.addIssue({ ...recordIssue(record, 'out-of-range', `${what} ${outOfRangeMessage(range)}`, draft.account), value: String(value) });
      }
      return null;
    }
    const firstLine = this.#firstLineOfId.get(positionId);
    if (firstLine !== undefined) {
      this.addIssue({
        ...recordIssue(record, 'duplicate-id', `a second position ${positionId} (the first is at line ${firstLine}); one position per account, symbol and side`),
        account: draft.account,
      });
      return null;
    }
    this.#firstLineOfId.set(positionId, record.line);
    const source = { file: record.file, line: record.line };
    const position: Position = {
      positionId,
      account: draft.account,
      symbol: draft.symbol,
      side: draft.side,
      size: draft.size,
      entryPrice: draft.entryPrice,
      markPrice: draft.markPrice,
      marginMode: draft.marginMode,
      isolatedMargin: draft.marginMode === 'isolated' ? draft.isolatedMargin : null,
      leverage: draft.leverage,
      instrument: draft.instrument,
      contractSize: draft.contractSize,
      venue: draft.venue,
      settlementAsset: draft.assets.settlementAsset,
      quoteAsset: draft.assets.quoteAsset,
      baseAsset: draft.assets.baseAsset,
      source,
    };
    this.positions.push(position);
    if (reported !== null) this.venueReported.set(positionId, { positionId, ...reported, asset: draft.assets.settlementAsset, source });
    return position;
  }

  addBalance(record: ExportRecord, account: string, asset: string, amount: number): void {
    if (!amountInRange(amount)) {
      this.addIssue({ ...recordIssue(record, 'out-of-range', `${asset} balance ${outOfRangeMessage(AMOUNT_RANGE, true)}`, account), value: String(amount) });
      return;
    }
    this.balances.push({ account, asset, amount, priceQuote: null, haircut: null, source: { file: record.file, line: record.line } });
  }

  addTierTable(venue: VenueName, key: string, table: TierTable): void {
    const tables = this.tierBook.get(venue) ?? new Map<string, TierTable>();
    tables.set(key, table.origin === undefined ? { ...table, origin: 'export' } : table);
    this.tierBook.set(venue, tables);
    if (!this.fileVenues.includes(venue)) this.fileVenues.push(venue);
  }

  addAccountFigures(figures: VenueReportedAccount): void {
    this.accountReported.set(figures.account, figures);
  }
}

/** The figures of a draft outside their sane range (src/domain/input-ranges.ts), each named. */
function draftRangeIssues(draft: PositionDraft): { what: string; value: number; range: InputRange }[] {
  const checks: [string, number | null, InputRange][] = [
    ['size', draft.size, SIZE_RANGE],
    ['contract size', draft.contractSize, SIZE_RANGE],
    ['entry price', draft.entryPrice, PRICE_RANGE],
    ['mark price', draft.markPrice, PRICE_RANGE],
    ['leverage', draft.leverage, LEVERAGE_RANGE],
    ['isolated margin', draft.marginMode === 'isolated' ? draft.isolatedMargin : null, AMOUNT_RANGE],
  ];
  const out: { what: string; value: number; range: InputRange }[] = [];
  for (const [what, value, range] of checks) {
    if (value === null) continue;
    if (range === AMOUNT_RANGE ? !amountInRange(value) : !inRange(value, range)) out.push({ what, value, range });
  }
  return out;
}
