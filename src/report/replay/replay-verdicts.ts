// The replay lens of the verdict per account: every event the account was replayed through, its
// loss isolated vs cross (src/verdict/replay-verdict.ts), in the order of the accounts' first
// appearance. Every replay format shows it: the table and Markdown as a closing section, the JSON
// as `verdicts`, the CSV as the `saferInEvent` and `verdict` columns.

import type { AccountVerdict } from '../../verdict/account-verdict.js';
import { replayVerdict, type ReplayedEvent } from '../../verdict/replay-verdict.js';
import type { ReplayDocument } from './replay-document.js';

interface AccountReplayVerdict {
  readonly account: string;
  readonly verdict: AccountVerdict;
}

/** One verdict per account over all its replayed events. */
export function replayVerdicts(document: ReplayDocument): AccountReplayVerdict[] {
  const byAccount = new Map<string, ReplayedEvent[]>();
  for (const event of document.events) {
    for (const entry of event.accounts) {
      const list = byAccount.get(entry.account) ?? [];
      list.push({ scenario: event.info.event, modes: entry.replay.modes });
      byAccount.set(entry.account, list);
    }
  }
  return [...byAccount].map(([account, events]) => ({ account, verdict: replayVerdict(events) }));
}
