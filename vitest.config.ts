// Test runner configuration: unit, property and CLI tests under test/; benchmarks are not tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**', 'dist/**'],
    // A fixed fast-check seed for every property test (test/support/fast-check-seed.ts).
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
