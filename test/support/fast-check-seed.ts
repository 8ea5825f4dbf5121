// Every property test runs on a fixed fast-check seed, so a test run is reproducible and CI
// cannot fail on a draw nobody can replay. MARGINSCOPE_FC_SEED=<integer> explores other draws
// (e.g. a loop over seeds before a release); a failure prints its seed and path as usual.
// Tests that pass their own `seed` keep it.

import fc from 'fast-check';

const chosen = process.env['MARGINSCOPE_FC_SEED'];
const seed = chosen === undefined || chosen === '' ? 20_261_206 : Number.parseInt(chosen, 10);
if (!Number.isInteger(seed)) throw new Error(`MARGINSCOPE_FC_SEED must be an integer (got ${JSON.stringify(chosen)})`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
