import { createVitestConfig } from "@openharness/vitest-config";

export default createVitestConfig({ test: { include: ["*.test.mjs"], typecheck: { enabled: false } } });
