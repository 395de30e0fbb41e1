import { APIError } from "@letta-ai/letta-client";

/**
 * Letta's 503 for a background stream on a server without Redis. It comes after the run record is
 * made but before the agent loop starts (`streaming_service.py` `create_agent_stream`), so the
 * message was not taken in and sending it again in the foreground sends it once.
 */
export function isNoRedis(error: unknown): boolean {
  return error instanceof APIError && error.status === 503 && JSON.stringify(error.error).includes("requires Redis");
}

/** Letta's answer that the stream cannot be had (400 not a background run, 404, 410 expired): no point retrying. */
export function isRefusal(error: unknown): boolean {
  const status = error instanceof APIError ? (error.status ?? 0) : 0;
  return status >= 400 && status < 500;
}
