/** Vitest global setup: a loud notice when the Letta OpenAPI spec is absent; a failure on CI. */
import { requireLettaOpenApiSpec } from "@openharness/letta-emulator/contract";

export default function setup(): void {
  requireLettaOpenApiSpec();
}
