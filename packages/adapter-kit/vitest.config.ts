import { createVitestConfig } from "@openharness/vitest-config";

// The shared config's include list is replaced, not merged, so it is repeated here with the examples.
export default createVitestConfig({
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"] },
});
