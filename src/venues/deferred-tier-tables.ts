// A venue's tier tables, read only when first asked for. The bundled data files hold some 5,000
// tables of which a run uses a handful, and reading every file cost a short command about 10 ms
// of its start-up; so the bundled tier book holds one of these per venue, each reading its file on
// first use. It is a Map (it stands wherever a venue's tables go): every read (`get`, `has`, `size`,
// iteration) first loads the tables, in the order the loader gives them, so it answers exactly as
// the loaded Map would. An overlay's own tables (`front`) answer `get` and `has` for their keys
// without loading what lies below (the tables of the user's `--tiers` file over the bundled ones).
// A structured clone sees only the loaded entries: copy it to a plain Map before posting it.

import type { TierTable } from '../domain/tier.js';

export interface DeferredTierTablesOptions {
  /** Tables that win over the loaded ones for their keys, answered before anything is loaded. */
  readonly front?: ReadonlyMap<string, TierTable>;
  /** The origin every table the loader gives has, when it is known beforehand (`bundled` for the data files). */
  readonly origin?: TierTable['origin'];
  /**
   * The origin of every table the loader gives that `front` does not hold, when it is known
   * beforehand (an overlay over the bundled tables: `bundled`): what is known of the tables
   * without loading them is then `front` plus this.
   */
  readonly belowOrigin?: TierTable['origin'];
}

export class DeferredTierTables extends Map<string, TierTable> {
  #pending: (() => Iterable<readonly [string, TierTable]>) | null;
  readonly #front: ReadonlyMap<string, TierTable> | null;
  /** The origin of every table held, when known without loading; null when unknown or mixed. */
  readonly origin: TierTable['origin'] | null;
  /** The origin of every table outside `front`, when known without loading; null when unknown or mixed. */
  readonly belowOrigin: TierTable['origin'] | null;

  /** `load` gives the tables, in order, once; `front`'s tables must be among them (they win). */
  constructor(load: () => Iterable<readonly [string, TierTable]>, options: DeferredTierTablesOptions = {}) {
    super();
    this.#pending = load;
    this.#front = options.front ?? null;
    this.origin = options.origin ?? null;
    this.belowOrigin = options.belowOrigin ?? options.origin ?? null;
  }

  /** The overlay's own tables (those that win over the loaded ones), null when there are none. */
  get front(): ReadonlyMap<string, TierTable> | null {
    return this.#front;
  }

  /** Whether the tables have been read. */
  get loaded(): boolean {
    return this.#pending === null;
  }

  #load(): void {
    const pending = this.#pending;
    if (pending === null) return;
    for (const [key, table] of pending()) super.set(key, table);
    // Only once the loader succeeded: a failing one fails again on the next read.
    this.#pending = null;
  }

  override get(key: string): TierTable | undefined {
    if (this.#pending !== null && this.#front?.has(key) === true) return this.#front.get(key);
    this.#load();
    return super.get(key);
  }

  override has(key: string): boolean {
    if (this.#pending !== null && this.#front?.has(key) === true) return true;
    this.#load();
    return super.has(key);
  }

  override get size(): number {
    this.#load();
    return super.size;
  }

  override forEach(callback: (table: TierTable, key: string, map: Map<string, TierTable>) => void, thisArg?: unknown): void {
    this.#load();
    super.forEach(callback, thisArg);
  }

  override keys(): MapIterator<string> {
    this.#load();
    return super.keys();
  }

  override values(): MapIterator<TierTable> {
    this.#load();
    return super.values();
  }

  override entries(): MapIterator<[string, TierTable]> {
    this.#load();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, TierTable]> {
    this.#load();
    return super[Symbol.iterator]();
  }

  override set(key: string, table: TierTable): this {
    this.#load();
    return super.set(key, table);
  }

  override delete(key: string): boolean {
    this.#load();
    return super.delete(key);
  }

  override clear(): void {
    this.#load();
    super.clear();
  }
}
