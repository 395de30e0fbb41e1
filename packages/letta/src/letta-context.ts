import type Letta from "@letta-ai/letta-client";
import type { ResolvedLettaOptions } from "./letta-adapter-options";
import { type LettaErrorContext, mapLettaError } from "./map-letta-error";

/** What every Letta operation module works with: the SDK client, the options, and error mapping. */
export interface LettaContext {
  readonly client: Letta;
  readonly options: ResolvedLettaOptions;
  /** Whether the server keeps background streams (resume); false once it said it has no Redis. */
  readonly backgroundStreams: { available: boolean };
  /** What the SDK threw → the typed error, naming what the call was about, without the key. */
  mapError(error: unknown, context: LettaErrorContext): unknown;
  /** Runs an SDK call; its failure is thrown as the typed error. */
  call<T>(context: LettaErrorContext, call: () => Promise<T>): Promise<T>;
}

/** The context of one adapter instance. */
export function createLettaContext(client: Letta, options: ResolvedLettaOptions): LettaContext {
  const mapError = (error: unknown, context: LettaErrorContext) =>
    mapLettaError(error, { ...context, secret: options.apiKey });
  return {
    client,
    options,
    backgroundStreams: { available: true },
    mapError,
    call: async (context, call) => {
      try {
        return await call();
      } catch (error) {
        throw mapError(error, context);
      }
    },
  };
}
