import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'infra/**/*.test.ts',
      'functions/**/*.test.ts',
      'test/**/*.test.ts',
      'web/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'web/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Google's Firestore and Pub/Sub emulators for the run, when installed (docs/decisions/706).
    globalSetup: ['test/conformance/google-emulators.setup.ts'],
  },
});
