// The vitest functions the suite registers tests with. The CommonJS build swaps this module for
// ./vitest-from-globals (see tsup.config.ts), because vitest itself cannot be require()d.
export { afterAll, beforeAll, describe, it } from "vitest";
