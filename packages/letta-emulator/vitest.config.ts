import { createVitestConfig } from "@openharness/vitest-config";

export default createVitestConfig({
  test: {
    // Every emulator exchange in every test is checked against Letta's OpenAPI spec.
    setupFiles: ["./test/support/setup-contract.ts"],
    globalSetup: ["./test/support/global-setup-contract.ts"],
  },
});
