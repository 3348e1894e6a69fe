import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests serve dist/web: rebuilt first when the dashboard's sources are newer.
    globalSetup: ['test/support/dashboard-up-to-date.ts'],
    // Integration tests share one PostgreSQL server; each file makes its own database.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each test file builds its own runtime (its own database, clock, servers) and shares nothing
    // through module state, so a worker can keep the imported modules between files: re-importing
    // the server, the carrier SDKs and the English model for each of ~125 files was over half of
    // the suite's time. The process-wide caches (carrier clients, knowledge indexes) are keyed by
    // random ids, as they are in a server serving many workspaces.
    isolate: false,
    // Most test time is waiting (PostgreSQL, Chromium, child processes, loopback HTTP), so two
    // files run at once even on a 2-core machine (the default there is one).
    maxWorkers: 2,
  },
});
