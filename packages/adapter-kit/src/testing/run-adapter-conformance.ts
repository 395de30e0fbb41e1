import type { HarnessAdapter } from "../harness-adapter";
import {
  type AdapterConformanceOptions,
  adapterConformanceCases,
  type ConformanceContext,
} from "./adapter-conformance-cases";
import type { OperationKey } from "../adapter-operations";
import { ConformanceSkip } from "./conformance-skip";
import { conformanceEnv } from "./conformance-support";

/** The outcome of one conformance check. */
export interface ConformanceResult {
  group: string;
  name: string;
  status: "passed" | "failed" | "skipped";
  /** Why it failed. */
  error?: unknown;
  /** Why it was skipped. */
  reason?: string;
}

/** The outcome of a whole run. */
export interface ConformanceReport {
  /** True when no check failed. */
  passed: boolean;
  results: ConformanceResult[];
  failures: ConformanceResult[];
}

/**
 * Runs the conformance checks without a test runner and reports each outcome, for tools and for
 * testing the suite itself. `describeAdapterConformance` runs the same checks as vitest tests.
 */
export async function runAdapterConformance<A extends HarnessAdapter>(
  options: AdapterConformanceOptions<A>,
): Promise<ConformanceReport> {
  const timeout = options.timeout ?? 30_000;
  const adapter = await options.createAdapter();
  const context: ConformanceContext = (await options.setup?.(adapter)) ?? {};
  const results: ConformanceResult[] = [];
  const failedClaims = new Set<OperationKey>();
  try {
    for (const check of adapterConformanceCases(options)) {
      const env = conformanceEnv(adapter, context, failedClaims);
      try {
        await withTimeout(check.run(env), timeout, `${check.group} › ${check.name}`);
        results.push({ group: check.group, name: check.name, status: "passed" });
      } catch (error) {
        if (error instanceof ConformanceSkip)
          results.push({ group: check.group, name: check.name, status: "skipped", reason: error.reason });
        else results.push({ group: check.group, name: check.name, status: "failed", error });
      }
    }
  } finally {
    await options.teardown?.(adapter, context);
  }
  const failures = results.filter((result) => result.status === "failed");
  return { passed: failures.length === 0, results, failures };
}

function withTimeout(promise: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms}ms`)), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
