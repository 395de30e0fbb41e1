/**
 * Per-test controls for the OpenAPI contract checks wired in by `setup-contract.ts`.
 * Tests that send deliberately invalid traffic declare it here instead of disabling the checks.
 */
import type { LettaExchange } from "../../src/testing/index.js";
import type { ContractViolation } from "./openapi-contract.js";

interface ContractTestState {
  /** Exchanges seen during the current test. */
  exchanges: LettaExchange[];
  /** Requests that have arrived but whose exchange hasn't been reported yet. */
  inFlight: number;
  /** Violations the current test expects (matched and then ignored). */
  allowances: Array<{ reason: string; matches: (violation: ContractViolation) => boolean }>;
}

const KEY = Symbol.for("@openharness/letta/test:contract-state");

/** The state shared between the setup file and the test files of one worker. */
export function contractState(): ContractTestState {
  const holder = globalThis as unknown as Record<symbol, ContractTestState | undefined>;
  let state = holder[KEY];
  if (!state) {
    state = { exchanges: [], inFlight: 0, allowances: [] };
    holder[KEY] = state;
  }
  return state;
}

/**
 * Declares that the current test sends or receives off-spec traffic on purpose. Violations that
 * `matches` accepts (all of them when omitted) don't fail the test.
 */
export function allowContractViolations(reason: string, matches: (violation: ContractViolation) => boolean = () => true): void {
  contractState().allowances.push({ reason, matches });
}

/** The exchanges the current test produced so far (for assertions about traffic). */
export function recordedExchanges(): readonly LettaExchange[] {
  return contractState().exchanges;
}
