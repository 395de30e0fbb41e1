import Letta from "@letta-ai/letta-client";
import { LETTA_CLOUD_URL, type ResolvedLettaOptions } from "./letta-adapter-options";

/**
 * The SDK client, configured explicitly so nothing depends on the SDK's own environment
 * lookups: our URL (or Letta Cloud), our key, a timeout that fits long agent turns, and retries
 * for reads only (sends override them with `maxRetries: 0`).
 */
export function createLettaClient(options: ResolvedLettaOptions): Letta {
  return new Letta({
    apiKey: options.apiKey ?? null,
    baseURL: options.baseUrl ?? LETTA_CLOUD_URL,
    projectID: options.projectId ?? null,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    logLevel: options.logLevel,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
