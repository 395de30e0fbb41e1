import { existsSync } from "node:fs";
import { lettaOpenApiSpecPath } from "./load-openapi-contract.js";

/**
 * For a test run's global setup: makes sure the spec the contract checks need is there. Absent
 * spec: one loud notice on stderr and `false` (the checks are skipped); when `required` (default
 * `CI=true`) an absent spec throws, failing the run.
 */
export function requireLettaOpenApiSpec(
  specPath = lettaOpenApiSpecPath(),
  required = process.env.CI === "true",
): boolean {
  if (existsSync(specPath)) return true;
  if (required)
    throw new Error(`Letta OpenAPI spec not found at ${specPath}; the API contract checks are mandatory on CI.`);
  const bar = "!".repeat(78);
  console.warn(
    `\n${bar}\n!! Letta OpenAPI spec not found at ${specPath}\n!! Emulator traffic is NOT being checked against the Letta API contract.\n${bar}\n`,
  );
  return false;
}
