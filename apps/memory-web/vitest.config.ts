import { createVitestConfig } from "@openharness/vitest-config";

export default createVitestConfig({
  test: {
    // The browser tests run the built app (`node dist/server.js`) as a user would: build it first, once.
    globalSetup: ["./test/support/build-app.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
