/**
 * Vitest global setup (runs once per test run): makes sure the Letta OpenAPI spec the contract
 * checks need is there. Absent spec: one loud notice and the checks are skipped; on CI
 * (`CI=true`) an absent spec fails the run.
 */
import { existsSync } from "node:fs";
import { SPEC_PATH } from "./openapi-contract.js";

export default function setup(): void {
  if (existsSync(SPEC_PATH)) return;
  if (process.env.CI === "true") {
    throw new Error(`Letta OpenAPI spec not found at ${SPEC_PATH}; the API contract checks are mandatory on CI.`);
  }
  const bar = "!".repeat(78);
  console.warn(
    `\n${bar}\n!! Letta OpenAPI spec not found at ${SPEC_PATH}\n!! Emulator traffic is NOT being checked against the Letta API contract.\n${bar}\n`,
  );
}
