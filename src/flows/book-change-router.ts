// `--what-if` and `--transfer` applied as the accounts stream past, so a large book is never
// held whole: each account gets the changes that name it (a transfer's ACCOUNT, a what-if's
// `account=`), applied with `applyBookChanges` on that one book. A what-if without `account=`
// goes where `applyBookChanges` would send it: to the file's only account, else to `main`. To
// know whether the file has only one account, the first account (unless it is `main`) is held
// back until a second one arrives or the file ends: at most one account is ever delayed.
// A change whose account never appears, or that cannot be applied (a wallet taken below zero,
// an isolated margin the wallet cannot pay), is a usage error naming the option.

import type { AccountBook } from '../domain/account-book.js';
import type { VenueName } from '../domain/venue-name.js';
import { applyBookChanges, type BookChanges, type BookPair } from '../book-changes/apply-book-changes.js';
import type { TransferSpec } from '../book-changes/parse-transfer.js';
import type { WhatIfSpec } from '../book-changes/parse-what-if.js';
import type { ChangeText } from '../report/evaluate/evaluate-document.js';
import { BookChangeError } from '../book-changes/book-change-error.js';

/** The account that `applyBookChanges` gives a what-if without `account=` when several exist. */
const DEFAULT_TARGET_ACCOUNT = 'main';

/** The changes applied to one account: what was asked, the book before and after. */
export interface AppliedChanges {
  readonly changes: readonly ChangeText[];
  readonly pair: BookPair;
}

/** An account leaving the router, with the changes applied to it (null when none). */
interface Routed<T> {
  readonly item: T;
  readonly applied: AppliedChanges | null;
}

interface Pending {
  readonly transfers: TransferSpec[];
  /** What-ifs with their position on the command line, to apply them in that order. */
  readonly whatIfs: { readonly index: number; readonly spec: WhatIfSpec }[];
}

/** Routes book changes to accounts given in file order; `T` carries the account's book. */
export class BookChangeRouter<T extends { readonly book: AccountBook | null; readonly evaluation: { readonly account: string } }> {
  readonly #named = new Map<string, Pending>();
  readonly #unnamed: { readonly index: number; readonly spec: WhatIfSpec }[] = [];
  readonly #applied = new Set<string>();
  readonly #defaultVenue: VenueName;
  #accounts = 0;
  #held: T | null = null;
  #unnamedTarget: string | null = null;

  constructor(changes: BookChanges, defaultVenue: VenueName) {
    this.#defaultVenue = defaultVenue;
    const pending = (account: string): Pending => {
      let entry = this.#named.get(account);
      if (entry === undefined) this.#named.set(account, (entry = { transfers: [], whatIfs: [] }));
      return entry;
    };
    for (const transfer of changes.transfers) pending(transfer.account).transfers.push(transfer);
    changes.whatIfs.forEach((spec, index) => {
      if (spec.account === null) this.#unnamed.push({ index, spec });
      else pending(spec.account).whatIfs.push({ index, spec });
    });
  }

  /** True when there is nothing to route (every account passes straight through). */
  get empty(): boolean {
    return this.#named.size === 0 && this.#unnamed.length === 0;
  }

  /** The next account in file order; returns the accounts ready to write, in order. */
  push(item: T): Routed<T>[] {
    this.#accounts++;
    const account = item.evaluation.account;
    if (this.#unnamed.length === 0 || this.#unnamedTarget !== null) return [this.#route(item, account === this.#unnamedTarget)];
    if (account === DEFAULT_TARGET_ACCOUNT) {
      this.#unnamedTarget = account;
      const released = this.#held === null ? [] : [this.#route(this.#held, false)];
      this.#held = null;
      return [...released, this.#route(item, true)];
    }
    if (this.#accounts === 1) {
      this.#held = item;
      return [];
    }
    // Several accounts: the unnamed what-ifs can only be for `main`, which may still come.
    const released = this.#held === null ? [] : [this.#route(this.#held, false)];
    this.#held = null;
    return [...released, this.#route(item, false)];
  }

  /** The end of the file: the held account, if any; throws BookChangeError for changes never applied. */
  finish(): Routed<T>[] {
    const out: Routed<T>[] = [];
    if (this.#held !== null) {
      // The file's only account: the unnamed what-ifs are its.
      out.push(this.#route(this.#held, true));
      this.#held = null;
    }
    if (this.#unnamed.length > 0 && this.#unnamedTarget === null) {
      const text = JSON.stringify(this.#unnamed[0]!.spec.text);
      const problem =
        this.#accounts === 0
          ? 'the positions hold no account to apply it to'
          : `the positions hold ${this.#accounts} accounts and none is named ${DEFAULT_TARGET_ACCOUNT}; say which with account=ID`;
      throw new BookChangeError(`--what-if ${text}: ${problem}`);
    }
    for (const [account, pending] of this.#named) {
      if (this.#applied.has(account)) continue;
      const first = pending.transfers[0];
      const what = first !== undefined ? `--transfer ${JSON.stringify(first.text)}` : `--what-if ${JSON.stringify(pending.whatIfs[0]!.spec.text)}`;
      throw new BookChangeError(`${what}: no account ${JSON.stringify(account)} in the positions`);
    }
    return out;
  }

  #route(item: T, withUnnamed: boolean): Routed<T> {
    const account = item.evaluation.account;
    if (withUnnamed) this.#unnamedTarget = account;
    const named = this.#named.get(account);
    const whatIfs = [...(named?.whatIfs ?? []), ...(withUnnamed ? this.#unnamed : [])].sort((a, b) => a.index - b.index);
    const transfers = named?.transfers ?? [];
    if (whatIfs.length === 0 && transfers.length === 0) return { item, applied: null };
    if (item.book === null) throw new Error('BookChangeRouter: an account with changes arrived without its book');
    const result = applyBookChanges([item.book], { whatIfs: whatIfs.map((w) => w.spec), transfers }, this.#defaultVenue);
    if (!result.ok) throw new BookChangeError(result.error);
    this.#applied.add(account);
    const pair = result.value.find((p) => p.account === account);
    if (pair === undefined) throw new Error(`BookChangeRouter: changes for ${account} produced no book`);
    const changes: ChangeText[] = [
      ...transfers.map((t): ChangeText => ({ option: '--transfer', text: t.text })),
      ...whatIfs.map((w): ChangeText => ({ option: '--what-if', text: w.spec.text })),
    ];
    return { item, applied: { changes, pair } };
  }
}
