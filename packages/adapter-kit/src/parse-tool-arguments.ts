import type { JsonObject } from "@openharness/types";

/**
 * A tool call's arguments as a harness sends them (JSON text) → the event's `input`. Text that
 * is not a JSON object is kept verbatim in `raw_input`, with `input` empty, rather than lost.
 */
export function parseToolArguments(text: string | undefined | null): { input: JsonObject; raw_input?: string } {
  if (text === undefined || text === null) return { input: {} };
  const trimmed = text.trim();
  if (trimmed === "") return { input: {} };
  // Only an object can be the input; skipping the parse of anything else also spares a throw per
  // streamed argument fragment.
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return { input: {}, raw_input: text };
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return { input: value as JsonObject };
  } catch {
    // Not JSON: fall through and keep the text.
  }
  return { input: {}, raw_input: text };
}
