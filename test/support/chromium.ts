// Test helper: Debian's chromium for the real-browser tests, launched the way this machine's
// closed network needs (no background networking, no component updates); never a downloaded browser.

import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser is installed (the tests skip, saying so, when it is not). */
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
