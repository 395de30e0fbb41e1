import type { ScriptedModel } from "./model/scripted-model.js";
import type { LettaEmulatorState } from "./state/emulator-state.js";
import type { LettaExchange } from "./wire/letta-exchange.js";

/** Options for {@link createLettaEmulator}. */
export interface LettaEmulatorOptions {
  /** Origin the emulator answers on. Default `"https://emulator.letta.invalid"`. */
  baseUrl?: string;
  /**
   * When set, requests without `Authorization: Bearer <apiKey>` get 401 `{"detail": "Unauthorized"}`
   * (`/v1/health/` is exempt, as on Letta). Default `null` (no auth).
   */
  apiKey?: string | null;
  /** The stand-in LLM. Default {@link createMemoryChatModel}(). */
  model?: ScriptedModel;
  /** Model handle used when `POST /v1/agents/` has no `model` (Letta's `LETTA_DEFAULT_LLM_HANDLE`). Default `null` → 400. */
  defaultModel?: string | null;
  /** Initial state (e.g. from {@link LettaEmulator.exportState}). Default: empty apart from base tools. */
  state?: LettaEmulatorState;
  /** Delay before each agent frame, in ms (paces runs so cancellation can land). Default 0. */
  frameDelayMs?: number;
  /** Keepalive ping interval while no data flows, in ms. Default 20000 (Letta's default). */
  keepaliveMs?: number;
  /** Called with every completed exchange (request, response, frames). */
  onExchange?: (exchange: LettaExchange) => void;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
  /** UUID v4 source. Default `crypto.randomUUID()`. Provide one for deterministic ids. */
  uuid?: () => string;
  /**
   * Whether the emulated server has Redis (default true, as Letta Cloud). Without it, as a
   * self-hosted Letta without Redis, background sends and stream retrieval answer 503.
   */
  redis?: boolean;
  /** Version reported by `GET /v1/health/`. Default `"0.16.8"`. */
  serverVersion?: string;
}
