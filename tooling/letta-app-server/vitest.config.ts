import { createVitestConfig } from "@openharness/vitest-config";

export default createVitestConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Installs Letta Code (cached), starts the scripted model and a real App Server, stops both by PID.
    globalSetup: ["./test/global-setup.ts"],
    // One App Server on a 2-core machine: files run one after another, turns are real.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
