import { createVitestConfig } from "@openharness/vitest-config";

export default createVitestConfig({
  test: {
    // The tests run the built CLI (`node dist/cli.js`) as a user would: build it first, once.
    globalSetup: ["./test/support/build-cli.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
