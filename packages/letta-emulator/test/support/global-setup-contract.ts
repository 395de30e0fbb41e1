/** Vitest global setup: a loud notice when the Letta OpenAPI spec is absent; a failure on CI. */
import { requireLettaOpenApiSpec } from "../../src/contract/index.js";

export default function setup(): void {
  requireLettaOpenApiSpec();
}
