/**
 * Vitest setup: checks every Letta emulator exchange of every test against the OpenAPI spec and
 * fails the test (in `afterEach`) listing the violations. When the spec file is absent the checks
 * are skipped (`global-setup-contract.ts` prints the notice once), except on CI (`CI=true`).
 */
import { afterEach, beforeEach } from "vitest";
import { observeLettaExchanges } from "../../src/testing/index.js";
import { contractState } from "./contract.js";
import { formatViolations, loadOpenApiContract, SPEC_PATH } from "./openapi-contract.js";

const contract = loadOpenApiContract();

if (!contract) {
  // `global-setup-contract.ts` already warned once (or failed the run on CI).
  if (process.env.CI === "true") throw new Error(`Letta OpenAPI spec not found at ${SPEC_PATH}; contract checks are mandatory on CI.`);
} else {
  const state = contractState();
  const observing = Symbol.for("@openharness/letta/test:contract-observer");
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (!holder[observing]) {
    holder[observing] = true;
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

  beforeEach(() => {
    state.exchanges = [];
    state.inFlight = 0;
    state.allowances = [];
  });

  afterEach(async () => {
    // Streams report their exchange when they end; give ones still closing a moment.
    for (let waited = 0; state.inFlight > 0 && waited < 500; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const violations = state.exchanges
      .flatMap((exchange) => contract.validateExchange(exchange))
      .filter((violation) => !state.allowances.some((a) => a.matches(violation)));
    state.exchanges = [];
    if (violations.length > 0) {
      throw new Error(`Letta API contract violations (OpenAPI spec ${SPEC_PATH}):\n${formatViolations(violations)}`);
    }
  });
}
