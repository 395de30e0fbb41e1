import type { JsonObject } from "@openharness/types";
import { parseToolArguments } from "./parse-tool-arguments";

/** A call's complete arguments, as `tool_call_end` carries them. */
export interface CompleteArguments {
  input: JsonObject;
  raw_input?: string;
}

/**
 * The arguments of the tool calls of one stream, from each call's `tool_call_start` and
 * `tool_call_delta`s, so the complete arguments can be given at `tool_call_end`. The rule: the
 * joined `partial_json` when it parses as an object, else the start's `input` when it has one,
 * else the joined text as `raw_input`.
 */
export class ToolCallArguments {
  readonly #started = new Map<string, CompleteArguments>();
  readonly #streamed = new Map<string, string>();

  start(id: string, start: CompleteArguments): void {
    this.#started.set(
      id,
      start.raw_input === undefined ? { input: start.input } : { input: start.input, raw_input: start.raw_input },
    );
  }

  delta(id: string, partialJson: string): void {
    this.#streamed.set(id, (this.#streamed.get(id) ?? "") + partialJson);
  }

  /** The complete arguments of `id`; forgets the call (its state is bounded by the open calls). */
  complete(id: string): CompleteArguments {
    const started = this.#started.get(id) ?? { input: {} };
    const text = this.#streamed.get(id);
    this.#started.delete(id);
    this.#streamed.delete(id);
    if (text === undefined || text.trim() === "") return started;
    const parsed = parseToolArguments(text);
    if (parsed.raw_input !== undefined && Object.keys(started.input).length > 0) return started;
    return parsed;
  }
}
