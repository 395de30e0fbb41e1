/**
 * `@openharness/letta-emulator/contract`: checks Letta emulator traffic against Letta's OpenAPI
 * spec (request bodies, query and path parameters, JSON responses, every SSE frame). Node only;
 * the spec file is not shipped: point `LETTA_OPENAPI_SPEC` (or `specPath`) at Letta's `fern/openapi.json`.
 *
 * @packageDocumentation
 */
export {
  allowContractViolations,
  type ContractCheckHooks,
  type ContractCheckOptions,
  installLettaContractChecks,
  recordedExchanges,
} from "./contract-checks.js";
export { type ContractViolation, formatViolations } from "./contract-violation.js";
export { LETTA_OPENAPI_SPEC_ENV, lettaOpenApiSpecPath, loadOpenApiContract } from "./load-openapi-contract.js";
export { OpenApiContract } from "./openapi-contract.js";
export { requireLettaOpenApiSpec } from "./require-letta-openapi-spec.js";
