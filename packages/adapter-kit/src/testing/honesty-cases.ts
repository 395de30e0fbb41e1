import { UnsupportedFeatureError } from "@openharness/types/errors";
import {
  ADAPTER_OPERATIONS,
  type AdapterMethodPath,
  methodsOf,
  type OperationKey,
  type OperationRow,
  type PlaceholderCall,
} from "../adapter-operations";
import { ConformanceSkip } from "./conformance-skip";
import {
  type ConformanceCase,
  type ConformanceCaseOptions,
  check,
  describeError,
  expectFailure,
  MISSING,
  settle,
  statusOf,
} from "./conformance-support";
import { ProbeFailure, probes, simplePrompt } from "./honesty-probes";

function honestyCase(row: OperationRow, options: ConformanceCaseOptions): ConformanceCase {
  const key = `${row.domain}.${row.operation}` as OperationKey;
  const methods = Object.entries(row.methods ?? {}) as [AdapterMethodPath, PlaceholderCall][];
  return {
    group: "capability honesty",
    name: `${key} behaves as reported`,
    run: async (env) => {
      const status = statusOf(env.adapter, key);
      if (status === "unsupported") {
        for (const [method, call] of methods) {
          const error = await expectFailure(
            () => call(env.adapter, { missing: MISSING, prompt: simplePrompt(options) }),
            UnsupportedFeatureError.isInstance,
            `${method} (${key} is reported unsupported)`,
            "UnsupportedFeatureError",
          );
          const { domain, operation } = error as UnsupportedFeatureError;
          check(
            `${domain}.${operation}` === key,
            `${method}: expected an UnsupportedFeatureError naming ${key}, got one naming ${domain}.${operation}`,
          );
        }
        return;
      }
      const probe = probes[key] ?? env.skip(`reported ${status}; no generic input to probe it with`);
      const outcome = await settle(() => probe(env, options));
      if (outcome.ok || outcome.error instanceof ConformanceSkip) {
        if (!outcome.ok) throw outcome.error;
        return;
      }
      // A partial operation may lack a method; saying so with UnsupportedFeatureError is honest.
      if (
        status === "partial" &&
        outcome.error instanceof ProbeFailure &&
        outcome.error.got.startsWith("UnsupportedFeatureError")
      )
        return;
      env.failedClaims.add(key);
      const failure =
        outcome.error instanceof ProbeFailure
          ? outcome.error
          : new ProbeFailure("a probe", "success", describeError(outcome.error));
      throw new Error(
        `${key} is reported ${status}: expected ${failure.expected} from ${failure.step} (real input), got ${failure.got}`,
      );
    },
  };
}

/** One check per operation of the table that has methods: unsupported ones must say so, supported ones must work. */
export function honestyCases(options: ConformanceCaseOptions): ConformanceCase[] {
  const rows: readonly OperationRow[] = ADAPTER_OPERATIONS;
  return rows.filter((row) => methodsOf(row).length > 0).map((row) => honestyCase(row, options));
}
