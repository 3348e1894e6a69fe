import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests share one PostgreSQL server; each file makes its own database.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
