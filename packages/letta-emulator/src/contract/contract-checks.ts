import { observeLettaExchanges } from "../observe-letta-exchanges.js";
import type { LettaExchange } from "../wire/letta-exchange.js";
import { type ContractViolation, formatViolations } from "./contract-violation.js";
import { lettaOpenApiSpecPath, loadOpenApiContract } from "./load-openapi-contract.js";

interface ContractTestState {
  /** Exchanges seen during the current test. */
  exchanges: LettaExchange[];
  /** Requests that have arrived but whose exchange hasn't been reported yet. */
  inFlight: number;
  /** Violations the current test expects (matched and then ignored). */
  allowances: Array<{ reason: string; matches: (violation: ContractViolation) => boolean }>;
  /** Whether this realm already observes the emulators' traffic. */
  observing: boolean;
}

const KEY = Symbol.for("@openharness/letta-emulator/contract:state");

/** The state shared by the hooks and the test files of one worker (across module copies). */
function contractState(): ContractTestState {
  const holder = globalThis as unknown as Record<symbol, ContractTestState | undefined>;
  let state = holder[KEY];
  if (!state) {
    state = { exchanges: [], inFlight: 0, allowances: [], observing: false };
    holder[KEY] = state;
  }
  return state;
}

/**
 * Declares that the current test sends or receives off-spec traffic on purpose. Violations that
 * `matches` accepts (all of them when omitted) don't fail the test.
 */
export function allowContractViolations(
  reason: string,
  matches: (violation: ContractViolation) => boolean = () => true,
): void {
  contractState().allowances.push({ reason, matches });
}

/** The exchanges the current test produced so far (for assertions about traffic). */
export function recordedExchanges(): readonly LettaExchange[] {
  return contractState().exchanges;
}

/** The per-test hooks of a test runner (vitest's and jest's `beforeEach`/`afterEach` fit). */
export interface ContractCheckHooks {
  beforeEach(fn: () => void): void;
  afterEach(fn: () => Promise<void>): void;
}

/** Options for {@link installLettaContractChecks}. */
export interface ContractCheckOptions {
  /** The spec file. Default {@link lettaOpenApiSpecPath}(). */
  specPath?: string;
  /** Fail when the spec is absent instead of skipping the checks. Default: `process.env.CI === "true"`. */
  required?: boolean;
}

/**
 * Checks every exchange of every Letta emulator in this realm against Letta's OpenAPI spec, and
 * fails the test (in `afterEach`) listing the violations. Call it once from a test setup file.
 * Returns `false` (checks skipped) when the spec file is absent and not required.
 *
 * @example
 * ```ts
 * // vitest setupFiles entry
 * import { afterEach, beforeEach } from "vitest";
 * import { installLettaContractChecks } from "@openharness/letta-emulator/contract";
 * installLettaContractChecks({ beforeEach, afterEach });
 * ```
 */
export function installLettaContractChecks(hooks: ContractCheckHooks, options: ContractCheckOptions = {}): boolean {
  const specPath = options.specPath ?? lettaOpenApiSpecPath();
  const contract = loadOpenApiContract(specPath);
  if (!contract) {
    if (options.required ?? process.env.CI === "true")
      throw new Error(`Letta OpenAPI spec not found at ${specPath}; contract checks are mandatory on CI.`);
    return false;
  }
  const state = contractState();
  if (!state.observing) {
    state.observing = true;
    observeLettaExchanges({
      onRequest: () => {
        state.inFlight++;
      },
      onExchange: (exchange) => {
        state.inFlight = Math.max(0, state.inFlight - 1);
        state.exchanges.push(exchange);
      },
    });
  }
  hooks.beforeEach(() => {
    state.exchanges = [];
    state.inFlight = 0;
    state.allowances = [];
  });
  hooks.afterEach(async () => {
    // Streams report their exchange when they end; give ones still closing a moment.
    for (let waited = 0; state.inFlight > 0 && waited < 500; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const violations = state.exchanges
      .flatMap((exchange) => contract.validateExchange(exchange))
      .filter((violation) => !state.allowances.some((a) => a.matches(violation)));
    state.exchanges = [];
    if (violations.length > 0) {
      throw new Error(`Letta API contract violations (OpenAPI spec ${specPath}):\n${formatViolations(violations)}`);
    }
  });
  return true;
}
