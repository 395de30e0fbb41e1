import type { DoneEvent, ExecutionEvent } from "@openharness/letta";
import type { ConsoleIo } from "./console-io";
import { MemoryWatcher } from "./memory-watcher";

interface ToolCall {
  name: string;
  input: Record<string, unknown>;
  /** The arguments as streamed (`tool_call_delta` fragments), when `input` came empty. */
  streamed: string;
}

/** A tool result's output as one short line: Letta's `message` when it sent one. */
function summarize(output: unknown, max = 100): string {
  let value = output;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      // Plain text.
    }
  }
  if (value && typeof value === "object" && typeof (value as { message?: unknown }).message === "string")
    value = (value as { message: string }).message;
  const text = (typeof value === "string" ? value : (JSON.stringify(value) ?? "")).replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const sentence = /^.+?[.!?](?=\s)/.exec(text)?.[0];
  return sentence && sentence.length < max ? `${sentence} …` : `${text.slice(0, max - 1)}…`;
}

/** `tokens 123 (in 100 / out 23) · end_turn` */
export function formatDone(done: DoneEvent): string {
  const { usage } = done;
  return `tokens ${usage.total_tokens} (in ${usage.input_tokens} / out ${usage.output_tokens}) · ${done.stop_reason}`;
}

/**
 * Renders one turn's events for people: text as it streams, the inner monologue dimmed, tool
 * calls with their results, approval requests, memory changes (through the {@link MemoryWatcher})
 * and, at the end,
 * usage and stop reason.
 */
export class TurnPrinter {
  readonly #io: ConsoleIo;
  readonly #memory: MemoryWatcher;
  /** The adapter emits `memory_update` events: no re-reading after memory tools. */
  readonly #memoryEvents: boolean;
  readonly #calls = new Map<string, ToolCall>();
  /** What the current transcript line shows: `thinking`, `text`, or `tool:<id>`. */
  #section = "";

  constructor(io: ConsoleIo, memory: MemoryWatcher, options: { memoryEvents?: boolean } = {}) {
    this.#io = io;
    this.#memory = memory;
    this.#memoryEvents = options.memoryEvents ?? false;
  }

  async print(event: ExecutionEvent): Promise<void> {
    switch (event.type) {
      case "thinking":
        this.#stream(
          "thinking",
          "thinking ▸ ",
          event.redacted ? "(reasoning hidden by the model)" : event.thinking,
          (t) => this.#io.dim(t),
        );
        return;
      case "text":
        this.#stream("text", "agent ▸ ", event.content);
        return;
      case "tool_call_start": {
        this.#calls.set(event.id, { name: event.name, input: event.input, streamed: "" });
        const args = Object.keys(event.input).length > 0 ? JSON.stringify(event.input) : "";
        this.#stream(`tool:${event.id}`, `tool ▸ ${event.name} `, args);
        return;
      }
      case "tool_call_delta": {
        const call = this.#calls.get(event.id);
        if (call) call.streamed += event.input_delta.partial_json;
        if (this.#section === `tool:${event.id}`) this.#io.write(event.input_delta.partial_json);
        return;
      }
      case "tool_result":
        await this.#result(event);
        return;
      case "tool_call_end":
        return;
      case "approval_request":
        this.#section = "";
        for (const call of event.tool_calls)
          this.#io.line(`approval ▸ ${call.name} ${JSON.stringify(call.input)} waits for your answer`);
        return;
      case "memory_update":
        this.#section = "";
        this.#memory.apply(event);
        return;
      case "error":
        this.#section = "";
        this.#io.notice(`error ▸ ${event.message}`);
        return;
      case "done":
        this.#section = "";
        this.#io.line(this.#io.dim(formatDone(event)));
        return;
      default:
        // artifact and progress: the Letta adapter emits none.
        return;
    }
  }

  /** Continues the current line, or starts a new one with `label` when the section changes. */
  #stream(section: string, label: string, text: string, style: (text: string) => string = (t) => t): void {
    if (this.#section === section) {
      this.#io.write(style(text));
      return;
    }
    this.#section = section;
    this.#io.endLine();
    this.#io.write(style(label));
    this.#io.write(style(text.replace(/^\s+/, "")));
  }

  async #result(event: Extract<ExecutionEvent, { type: "tool_result" }>): Promise<void> {
    this.#section = "";
    const call = this.#calls.get(event.id);
    const status = event.success ? "ok" : "failed";
    const detail = event.success ? summarize(event.output) : summarize(event.error ?? event.output);
    this.#io.line(`  ↳ ${status}${detail ? `: ${detail}` : ""}`);
    if (!event.success || !call || this.#memoryEvents) return;
    if (MemoryWatcher.edits(call.name)) await this.#memory.refresh();
    else if (call.name === "archival_memory_insert") {
      const content = this.#input(call).content;
      if (typeof content === "string") this.#io.line(`archive ▸ + ${content}`);
    }
  }

  #input(call: ToolCall): Record<string, unknown> {
    if (Object.keys(call.input).length > 0 || call.streamed === "") return call.input;
    try {
      return JSON.parse(call.streamed) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
}
