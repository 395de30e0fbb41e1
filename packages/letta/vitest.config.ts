import { createVitestConfig } from "@openharness/vitest-config";

export default createVitestConfig();
