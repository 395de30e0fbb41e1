import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packages = fileURLToPath(new URL("../../packages/", import.meta.url));

// The Letta OpenAPI spec the emulator's contract checks read: beside the repository, never inside it.
process.env.LETTA_OPENAPI_SPEC ||= fileURLToPath(new URL("../../../shared/letta-openapi.json", import.meta.url));

/**
 * Tests import workspace packages from their sources, so they never run against a stale build.
 * The packaging smoke test is what checks the built `dist/` entry points.
 */
const workspaceSources = [
  { find: /^@openharness\/types$/, replacement: `${packages}types/src/index.ts` },
  { find: /^@openharness\/types\/errors$/, replacement: `${packages}types/src/errors/index.ts` },
  { find: /^@openharness\/adapter-kit$/, replacement: `${packages}adapter-kit/src/index.ts` },
  { find: /^@openharness\/adapter-kit\/testing$/, replacement: `${packages}adapter-kit/src/testing/index.ts` },
  { find: /^@openharness\/letta$/, replacement: `${packages}letta/src/index.ts` },
  { find: /^@openharness\/letta-emulator$/, replacement: `${packages}letta-emulator/src/index.ts` },
  { find: /^@openharness\/letta-emulator\/contract$/, replacement: `${packages}letta-emulator/src/contract/index.ts` },
];

/** The shared vitest setup: co-located tests, type tests in `*.test-d.ts`, workspace sources. */
export function createVitestConfig(overrides = {}) {
  return defineConfig({
    ...overrides,
    resolve: { ...overrides.resolve, alias: [...workspaceSources, ...(overrides.resolve?.alias ?? [])] },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
      testTimeout: 20_000,
      ...overrides.test,
    },
  });
}
