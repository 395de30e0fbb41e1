import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { OpenApiContract } from "./openapi-contract.js";

/** The environment variable naming the spec file (Letta's `fern/openapi.json`). */
export const LETTA_OPENAPI_SPEC_ENV = "LETTA_OPENAPI_SPEC";

/** The spec file to check against: `$LETTA_OPENAPI_SPEC`, else `letta-openapi.json` in the working directory. */
export function lettaOpenApiSpecPath(): string {
  return path.resolve(process.env[LETTA_OPENAPI_SPEC_ENV] || "letta-openapi.json");
}

/** Loads the spec, or `null` when the file is absent. */
export function loadOpenApiContract(specPath = lettaOpenApiSpecPath()): OpenApiContract | null {
  if (!existsSync(specPath)) return null;
  return new OpenApiContract(JSON.parse(readFileSync(specPath, "utf8")) as Record<string, unknown>);
}
