// What-if positions and collateral transfers applied to the account books, giving the before /
// after pair of every account they touch. Transfers are applied first, in the order given, then
// the what-if positions, so a deposit can fund a new isolated position.
//
// What-if defaults, against the book: the account is `account=`, else the only account, else
// `main`; instrument, contract size, venue and assets are copied from a position on the same
// symbol (linear on the default venue when there is none); the mark is `mark=`, else the
// symbol's mark in the book, else the entry price; the entry is `@`, else the mark. A what-if is
// a new position beside any existing one on the symbol (not merged into it), with the id
// `ACCOUNT:SYMBOL:SIDE:what-if` (`…-2`, `…-3` when taken). An isolated what-if posts
// `margin=`, else entry notional / leverage (the venue's default leverage when none is given),
// taken from the account's cross wallet in its settlement asset: the same capital, moved.
//
// Transfers: the asset is the one given, else the account's main settlement asset (its primary
// linear quote, else its first position's settlement asset, else its first balance's asset);
// every balance row of that asset is merged into one (keeping the first row's price and
// haircut). A wallet may not go below zero.

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Position } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';
import type { VenueName } from '../domain/venue-name.js';
import { accountCollateral } from '../margin/account-collateral.js';
import { notionalSettlement } from '../margin/position-risk.js';
import { venueProfile } from '../venues/registry.js';
import type { Parsed, WhatIfSpec } from './parse-what-if.js';
import type { TransferSpec } from './parse-transfer.js';

export interface BookChanges {
  readonly whatIfs: readonly WhatIfSpec[];
  readonly transfers: readonly TransferSpec[];
}

export interface BookPair {
  readonly account: string;
  /** null when the change creates the account. */
  readonly before: AccountBook | null;
  readonly after: AccountBook;
}

/** Sum of an account's balances in `asset`. */
function walletOf(book: AccountBook, asset: string): number {
  let total = 0;
  for (const b of book.balances) if (b.asset === asset) total += b.amount;
  return total;
}

/** `book` with its `asset` balances merged into one row of `amount`. */
function withWallet(book: AccountBook, asset: string, amount: number, label: string): AccountBook {
  const rows = book.balances.filter((b) => b.asset === asset);
  const first: Balance | undefined = rows[0];
  const merged: Balance = {
    account: book.account,
    asset,
    amount,
    priceQuote: first?.priceQuote ?? null,
    haircut: first?.haircut ?? null,
    source: first?.source ?? { file: label, line: 0 },
  };
  return { ...book, balances: [...book.balances.filter((b) => b.asset !== asset), merged] };
}

/** The account's main settlement asset (see the file header). */
export function mainSettlementAsset(book: AccountBook): string {
  const primary = accountCollateral(book.positions, []).collateral.primaryLinearAsset;
  return primary ?? book.positions[0]?.settlementAsset ?? book.balances[0]?.asset ?? 'USDT';
}

function applyTransfer(book: AccountBook, transfer: TransferSpec): Parsed<AccountBook> {
  const asset = transfer.asset ?? mainSettlementAsset(book);
  const now = walletOf(book, asset);
  const after = now + transfer.amount;
  if (after < 0) {
    return { ok: false, error: `--transfer ${JSON.stringify(transfer.text)}: the ${asset} wallet of account ${book.account} holds ${now}; withdrawing ${-transfer.amount} would leave it below zero` };
  }
  return { ok: true, value: withWallet(book, asset, after, '--transfer') };
}

function chooseAccount(spec: WhatIfSpec, books: ReadonlyMap<string, AccountBook>): Parsed<string> {
  if (spec.account !== null) return { ok: true, value: spec.account };
  if (books.size === 1) return { ok: true, value: [...books.keys()][0]! };
  if (books.size === 0 || books.has('main')) return { ok: true, value: 'main' };
  return { ok: false, error: `--what-if ${JSON.stringify(spec.text)}: the positions hold ${books.size} accounts; say which with account=ID` };
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}

/**
 * The position a what-if describes and the book it lands in (its margin taken from the wallet
 * when isolated). `books`: every account, by id; `index` numbers the what-if for its source line.
 */
export function whatIfPosition(spec: WhatIfSpec, books: ReadonlyMap<string, AccountBook>, defaultVenue: VenueName, index = 0): Parsed<{ position: Position; book: AccountBook }> {
  const quoted = JSON.stringify(spec.text);
  const chosen = chooseAccount(spec, books);
  if (!chosen.ok) return chosen;
  const account = chosen.value;
  const book: AccountBook = books.get(account) ?? { account, positions: [], balances: [] };
  const sameSymbol = (p: Position): boolean => p.symbol.toUpperCase() === spec.symbol.toUpperCase();
  const template = book.positions.find(sameSymbol) ?? [...books.values()].flatMap((b) => b.positions).find(sameSymbol);
  const venue = spec.venue ?? template?.venue ?? defaultVenue;
  const profile = venueProfile(venue);
  const instrument = template?.instrument ?? 'linear';
  const assets = template ?? symbolAssets(spec.symbol, instrument, profile.defaultQuoteAsset);
  const markPrice = spec.markPrice ?? template?.markPrice ?? spec.entryPrice;
  if (markPrice === null) {
    return { ok: false, error: `--what-if ${quoted}: no mark price for ${spec.symbol} in the positions; give the entry with @ PRICE or the mark with mark=PRICE` };
  }
  const entryPrice = spec.entryPrice ?? markPrice;
  const marginMode = spec.marginMode ?? 'cross';
  const taken = new Set([...books.values()].flatMap((b) => b.positions.map((p) => p.positionId)));
  const draft: Position = {
    positionId: uniqueId(`${account}:${template?.symbol ?? spec.symbol}:${spec.side}:what-if`, taken),
    account,
    symbol: template?.symbol ?? spec.symbol,
    side: spec.side,
    size: spec.size,
    entryPrice,
    markPrice,
    marginMode,
    isolatedMargin: null,
    leverage: spec.leverage,
    instrument,
    contractSize: template?.contractSize ?? 1,
    venue,
    settlementAsset: assets.settlementAsset,
    quoteAsset: assets.quoteAsset,
    baseAsset: assets.baseAsset,
    source: { file: '--what-if', line: index + 1 },
  };
  if (marginMode === 'cross') return { ok: true, value: { position: draft, book: { ...book, positions: [...book.positions, draft] } } };
  const margin = spec.isolatedMargin ?? notionalSettlement(draft, entryPrice) / (spec.leverage ?? profile.defaultLeverage);
  const wallet = walletOf(book, draft.settlementAsset);
  if (margin > wallet) {
    return {
      ok: false,
      error: `--what-if ${quoted}: the isolated margin ${margin} ${draft.settlementAsset} is more than the ${draft.settlementAsset} wallet of account ${account} holds (${wallet}); add --transfer ${account}:AMOUNT or give a higher leverage`,
    };
  }
  const position: Position = { ...draft, isolatedMargin: margin };
  const funded = withWallet(book, draft.settlementAsset, wallet - margin, '--what-if');
  return { ok: true, value: { position, book: { ...funded, positions: [...funded.positions, position] } } };
}

/** Apply `changes` to `books`: the before / after pair of every account touched, in first-touch order. */
export function applyBookChanges(books: readonly AccountBook[], changes: BookChanges, defaultVenue: VenueName): Parsed<readonly BookPair[]> {
  const current = new Map<string, AccountBook>();
  for (const b of books) current.set(b.account, b);
  const original = new Map(current);
  const touched: string[] = [];
  const touch = (account: string): void => {
    if (!touched.includes(account)) touched.push(account);
  };
  for (const transfer of changes.transfers) {
    const book = current.get(transfer.account);
    if (book === undefined) return { ok: false, error: `--transfer ${JSON.stringify(transfer.text)}: no account ${JSON.stringify(transfer.account)} in the positions` };
    const result = applyTransfer(book, transfer);
    if (!result.ok) return result;
    current.set(book.account, result.value);
    touch(book.account);
  }
  for (let i = 0; i < changes.whatIfs.length; i++) {
    const result = whatIfPosition(changes.whatIfs[i]!, current, defaultVenue, i);
    if (!result.ok) return result;
    current.set(result.value.book.account, result.value.book);
    touch(result.value.book.account);
  }
  return { ok: true, value: touched.map((account) => ({ account, before: original.get(account) ?? null, after: current.get(account)! })) };
}
