import { type ExecuteRequest, ExecuteRequestSchema } from "@openharness/types";
import type { LettaExecuteOptions } from "./letta-execution";

// The shapes nearly every turn sends, checked by hand: zod's strict objects cost ~5 µs a turn
// here (most of the adapter's own time to the first text). Anything else, and so every error,
// goes through the schemas; `plain-letta-input.test.ts` holds these to the schemas' verdicts.

const { message, agent_id, session_id } = ExecuteRequestSchema.shape;
/** The string fields of a plain request, with the lengths `ExecuteRequestSchema` allows (read from it). */
const REQUEST_STRINGS = new Map(
  Object.entries({ message, agent_id: agent_id.unwrap(), session_id: session_id.unwrap() }).map(([key, field]) => [
    key,
    { min: field.minLength ?? 0, max: field.maxLength ?? Number.POSITIVE_INFINITY },
  ]),
);

const OPTION_FLAGS = new Set(["includeThinking", "streamTokens", "stream", "memoryEvents"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `input` as `ExecuteRequestSchema` would return it, when it is a plain object of a `message`
 * and ids only; `undefined` when the schema must decide.
 */
export function plainExecuteRequest(input: unknown): ExecuteRequest | undefined {
  if (!isPlainObject(input) || typeof input.message !== "string") return undefined;
  const request: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    const bounds = REQUEST_STRINGS.get(key);
    if (bounds === undefined || typeof value !== "string") return undefined;
    if (value.length < bounds.min || value.length > bounds.max) return undefined;
    request[key] = value;
  }
  return request as unknown as ExecuteRequest;
}

/**
 * `input` as `LettaExecuteOptionsSchema` would return it, when it holds nothing but a signal and
 * flags; `undefined` when the schema must decide.
 */
export function plainExecuteOptions(input: unknown): LettaExecuteOptions | undefined {
  if (!isPlainObject(input)) return undefined;
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (key === "signal" ? !(value instanceof AbortSignal) : !OPTION_FLAGS.has(key) || typeof value !== "boolean")
      return undefined;
    options[key] = value;
  }
  return options;
}
