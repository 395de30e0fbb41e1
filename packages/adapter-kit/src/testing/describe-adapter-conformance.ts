import { afterAll, beforeAll, describe, it } from "./vitest-api";
import type { HarnessAdapter } from "../harness-adapter";
import {
  type AdapterConformanceOptions,
  adapterConformanceCases,
  type ConformanceContext,
} from "./adapter-conformance-cases";
import type { OperationKey } from "../adapter-operations";
import { ConformanceSkip } from "./conformance-skip";
import { conformanceEnv } from "./conformance-support";

/**
 * Registers the OpenHarness conformance suite for an adapter as vitest tests: identity, manifest,
 * capability honesty, lifecycles, sessions, input validation, stream invariants, execute, abort
 * and approvals.
 * Checks that do not apply (an unsupported operation, no agent from `setup`) are reported skipped.
 *
 * ```ts
 * describeAdapterConformance({
 *   name: "echo",
 *   createAdapter: () => new EchoAdapter(),
 *   setup: async (adapter) => ({ agentId: await adapter.createAgent({ name: "conformance" }) }),
 *   teardown: (adapter, { agentId }) => adapter.deleteAgent(agentId!),
 * });
 * ```
 */
export function describeAdapterConformance<A extends HarnessAdapter>(options: AdapterConformanceOptions<A>): void {
  const timeout = options.timeout ?? 30_000;
  const groups = new Map<string, ReturnType<typeof adapterConformanceCases>>();
  for (const check of adapterConformanceCases(options))
    groups.set(check.group, [...(groups.get(check.group) ?? []), check]);

  describe(`${options.name} adapter conformance`, () => {
    let adapter: A | undefined;
    let context: ConformanceContext = {};
    let ready = false;
    // Shared by the checks of this suite: a claim that failed its honesty check is not failed again.
    const failedClaims = new Set<OperationKey>();

    beforeAll(async () => {
      adapter = await options.createAdapter();
      context = (await options.setup?.(adapter)) ?? {};
      ready = true;
    }, timeout);

    afterAll(async () => {
      // Only undo a setup that finished: a half-done one left nothing teardown can name.
      if (adapter && ready) await options.teardown?.(adapter, context);
    }, timeout);

    for (const [group, checks] of groups) {
      describe(group, () => {
        for (const check of checks) {
          it(
            check.name,
            async (test) => {
              if (!adapter || !ready) throw new Error("The adapter or its setup failed; see the beforeAll error.");
              try {
                await check.run(conformanceEnv(adapter, context, failedClaims));
              } catch (error) {
                if (error instanceof ConformanceSkip) test.skip(error.reason);
                throw error;
              }
            },
            timeout,
          );
        }
      });
    }
  });
}
