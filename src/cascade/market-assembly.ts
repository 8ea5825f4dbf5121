// From account books to cascade markets: every account's pools in a margin mode (src/margin's
// partition, venue schedules resolved), the pools' collateral valued at the start, and the checks
// the cascade needs of its inputs: one settlement asset, linear contracts, a depth for every
// traded symbol. Problems are Issues on the offending row.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import type { ModeName } from '../margin/evaluation.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { Pool } from '../margin/pool.js';
import { modePoolsOf, prepareAccount, type PreparedAccount } from '../margin/prepared-account.js';
import { compileCascadeMarket, type CascadePoolInput, type CascadeMarket, type MarketDepth } from './cascade-market.js';

/** A book taking part in the cascade: the user's own, or the crowd's (named `crowd:NAME`). */
export interface MarketBook {
  readonly book: AccountBook;
  readonly own: boolean;
}

export interface PreparedMarket {
  readonly asset: string;
  readonly symbols: readonly string[];
  readonly startPrice: readonly number[];
  /** Own accounts in file order, and their prepared books. */
  readonly own: readonly { readonly name: string; readonly account: PreparedAccount }[];
  readonly crowd: readonly PreparedAccount[];
}

/** Name of an account in the market: own accounts as they are, crowd accounts as `crowd:NAME`. */
function marketAccountName(book: MarketBook): string {
  return book.own ? book.book.account : `crowd:${book.book.account}`;
}

/** Checks and prepares every book; null with Issues when anything is wrong. */
export function prepareMarket(books: readonly MarketBook[], context: MarginContext, depth: ReadonlyMap<string, MarketDepth>, depthLabel: string): { market: PreparedMarket | null; issues: Issue[] } {
  const issues: Issue[] = [];
  let asset: string | null = null;
  const symbols: string[] = [];
  const known = new Set<string>();
  const startPrice: number[] = [];
  const own: { name: string; account: PreparedAccount }[] = [];
  const crowd: PreparedAccount[] = [];
  for (const entry of books) {
    let ok = true;
    for (const p of entry.book.positions) {
      const where = { file: p.source.file, line: p.source.line, account: entry.book.account };
      if (p.instrument !== 'linear') {
        issues.push({ ...where, code: 'unsupported', column: 'instrument', message: 'the cascade models linear (quote-settled) contracts only', value: p.instrument });
        ok = false;
        continue;
      }
      if (asset === null) asset = p.settlementAsset;
      else if (p.settlementAsset !== asset) {
        issues.push({ ...where, code: 'inconsistent', column: 'symbol', message: `settles in ${p.settlementAsset}, but the market settles in ${asset} (one settlement asset per cascade)`, value: p.symbol });
        ok = false;
        continue;
      }
      if (!known.has(p.symbol)) {
        if (!depth.has(p.symbol.toUpperCase())) {
          issues.push({ ...where, code: 'missing-value', column: 'symbol', message: `no market depth for this symbol (give it with --depth ${p.symbol}=AMOUNT or a row in ${depthLabel})`, value: p.symbol });
          ok = false;
          continue;
        }
        symbols.push(p.symbol);
        known.add(p.symbol);
        startPrice.push(p.markPrice);
      }
    }
    if (!ok) continue;
    const renamed: AccountBook = { ...entry.book, account: marketAccountName(entry) };
    const { account, issues: found } = prepareAccount(renamed, context);
    issues.push(...found);
    if (account === null) continue;
    if (entry.own) own.push({ name: entry.book.account, account });
    else crowd.push(account);
  }
  if (issues.length > 0 || asset === null) return { market: null, issues };
  return { market: { asset, symbols, startPrice, own, crowd }, issues };
}

/** Pool → cascade pool: cash plus non-settlement collateral at its start value after haircut. */
function poolInput(pool: Pool): CascadePoolInput {
  const collateral = pool.assetCollateral.reduce((s, c) => s + c.amount * c.priceSettlement * (1 - c.haircut), 0);
  return {
    account: pool.account,
    cash: pool.cashCollateral + collateral,
    members: pool.members.map((m) => ({
      positionId: m.position.positionId,
      symbol: m.position.symbol,
      side: m.position.side,
      size: m.position.size * m.position.contractSize,
      entryPrice: m.position.entryPrice,
      schedule: m.schedule,
      venue: m.position.venue,
    })),
  };
}

/**
 * The market of `accounts` in `mode` (every account of a crowd is in `exported`), with `depth`
 * (Infinity for a price-taker market).
 */
export function assembleMarket(prepared: PreparedMarket, accounts: readonly PreparedAccount[], mode: ModeName, depth: ReadonlyMap<string, MarketDepth> | null): CascadeMarket {
  const pools: CascadePoolInput[] = [];
  const free = new Map<string, number>();
  for (const account of accounts) {
    const modePools = modePoolsOf(account, mode);
    for (const pool of modePools.pools) if (pool.members.length > 0) pools.push(poolInput(pool));
    const idle = modePools.free.reduce((s, f) => s + (f.asset === prepared.asset ? f.amount : 0), 0);
    free.set(account.resolved.book.account, idle);
  }
  const depths = prepared.symbols.map((s) => depth?.get(s.toUpperCase()) ?? { bid1pct: Infinity, ask1pct: Infinity });
  return compileCascadeMarket(prepared.asset, prepared.symbols, prepared.startPrice, depths, pools, free);
}
