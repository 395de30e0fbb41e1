import type * as Vitest from "vitest";

type Api = Pick<typeof Vitest, "describe" | "it" | "beforeAll" | "afterAll">;
type Forward = (...args: unknown[]) => unknown;

// Stands in for ./vitest-api in the CommonJS build of the testing entry: vitest's CommonJS entry
// throws on load, which would break `require("@openharness/adapter-kit/testing")` for the helpers
// that need no test runner. Under vitest, the ES module build is the one loaded anyway.
function api(name: keyof Api): Forward {
  const found = (globalThis as Record<string, unknown>)[name];
  if (typeof found === "function") return found as Forward;
  throw new Error(
    "describeAdapterConformance needs vitest: call it from a vitest test file (an ES module), or enable vitest's `globals`. Without a test runner, use runAdapterConformance.",
  );
}

/** `describe` of the running vitest (its globals), looked up on use. */
export const describe = ((...args: unknown[]) => api("describe")(...args)) as unknown as Api["describe"];
/** `it` of the running vitest (its globals), looked up on use. */
export const it = ((...args: unknown[]) => api("it")(...args)) as unknown as Api["it"];
/** `beforeAll` of the running vitest (its globals), looked up on use. */
export const beforeAll = ((...args: unknown[]) => api("beforeAll")(...args)) as unknown as Api["beforeAll"];
/** `afterAll` of the running vitest (its globals), looked up on use. */
export const afterAll = ((...args: unknown[]) => api("afterAll")(...args)) as unknown as Api["afterAll"];
