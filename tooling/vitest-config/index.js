import { defineConfig } from "vitest/config";

/** The shared vitest setup: co-located tests, type tests in `*.test-d.ts`, live suites opt-in. */
export function createVitestConfig(overrides = {}) {
  return defineConfig({
    ...overrides,
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
      testTimeout: 20_000,
      ...overrides.test,
    },
  });
}
