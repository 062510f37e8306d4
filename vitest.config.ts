import { defineConfig } from 'vitest/config';

// Three lanes: `unit` needs neither an engine nor a browser (npm run test:unit); `integration` and
// `e2e` each get one real Meilisearch from the global setup, started only when the lane runs.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.{ts,tsx}'], globalSetup: ['tests/global-setup.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.{ts,tsx}'], globalSetup: ['tests/global-setup.ts'] } },
    ],
  },
});
