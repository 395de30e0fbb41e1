import type { JsonObject } from "@openharness/types";

/** What a Letta error body says, whichever of its shapes it came in. */
export interface LettaErrorBody {
  /** The human-readable reason: `detail`, or a model-provider error's `message`. */
  detail: string | undefined;
  /** A model-provider error's `type` (`llm_authentication`, `llm_rate_limit`, ...). */
  providerType?: string;
  /** A model-provider error's own `detail` (the provider's text). */
  providerDetail?: string;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function detailText(detail: unknown): string | undefined {
  if (typeof detail === "string") return detail;
  if (detail && typeof detail === "object" && !Array.isArray(detail)) {
    return text((detail as JsonObject).message) ?? JSON.stringify(detail);
  }
  return detail === undefined ? undefined : JSON.stringify(detail);
}

/**
 * Reads Letta's error bodies: `{"detail": ...}` (a string, an object or pydantic's list);
 * `{"error": {"type", "message", "detail"}}` for model-provider errors (`letta/server/rest_api/app.py`);
 * `{"error": "Not Found"}` from Cloud's router; or plain text.
 */
export function readLettaErrorBody(body: unknown): LettaErrorBody {
  if (typeof body === "string") return { detail: body.trim() || undefined };
  if (body === null || typeof body !== "object") return { detail: undefined };
  const object = body as JsonObject;
  const error = object.error;
  if (error && typeof error === "object" && !Array.isArray(error)) {
    const provider = error as JsonObject;
    return {
      detail: text(provider.message) ?? detailText(provider.detail),
      providerType: text(provider.type),
      providerDetail: detailText(provider.detail),
    };
  }
  return { detail: detailText(object.detail) ?? text(object.message) ?? text(error) };
}
