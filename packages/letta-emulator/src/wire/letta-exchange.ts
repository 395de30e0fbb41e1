import type { LettaFault } from "../faults/letta-fault.js";

/** A request the emulator received. */
export interface RecordedRequest {
  method: string;
  /** The full URL. */
  url: string;
  /** The path, e.g. `/v1/agents/`. */
  path: string;
  /** Query parameters; repeated keys (e.g. `include`) become arrays. */
  query: Record<string, string | string[]>;
  /** Parsed JSON body, the raw text if it isn't JSON, or `undefined` when empty. */
  body: unknown;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
}

/** One server-sent event as written to the wire. */
export interface RecordedFrame {
  /** The `event:` name, if any. */
  event?: string;
  /** The `data:` payload as text (`[DONE]` included). For raw frames, the raw text. */
  data: string;
  /** `true` for raw frames written verbatim. */
  raw?: boolean;
  /** Set when the frame is deliberately off-spec (injected fault, escape hatch); the reason. */
  exempt?: string;
}

/** A completed request/response pair, reported through `onExchange`. */
export interface LettaExchange {
  request: RecordedRequest;
  response: {
    status: number;
    headers: Record<string, string>;
    /** Parsed JSON body (non-streaming responses). */
    body?: unknown;
    /** The SSE frames written (streaming responses), in order. */
    frames?: RecordedFrame[];
    /** `true` when the connection failed on purpose (network fault). */
    networkError?: boolean;
  };
  /** `true` when the client disconnected before the response finished. */
  aborted?: boolean;
  /** The fault that shaped this exchange, if any. */
  fault?: LettaFault;
  /** Set when the whole exchange is deliberately off-spec; the reason. */
  exempt?: string;
}
