/**
 * A recorded-shape Letta token stream (`streaming: true, stream_tokens: true`) and an in-process
 * `fetch` that serves it, so the raw SDK and the adapter read the very same bytes.
 *
 * Frame shapes follow Letta's wire format (docs/letta-api.md B2, B3, A5 and the emulator's
 * `toWireFrames`): `data: <one-line JSON>\n\n` frames, no `event:`/`id:` lines; an initial `ping`
 * carrying `run_id`; per step (one LLM call, one `message-<uuid>` id) token fragments of a
 * `reasoning_message` (otid `<uuid>-0`), an `assistant_message` (`-1`) and a `tool_call_message`
 * (`-2`, `ToolCallDelta` fragments keyed by `tool_call_id`, `name` only on the first), then the
 * whole `tool_return_message`; the turn ends with `stop_reason`, `usage_statistics` and `[DONE]`.
 */

export const AGENT_ID = "agent-7c0e1a52-3f4b-4c1d-9e2a-5b6c7d8e9f01";
const RUN_ID = "run-91ab2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const DATE = "2026-06-10T12:00:02+00:00";

const WORDS = [
  " the",
  " user",
  " said",
  " their",
  " favourite",
  " colour",
  " is",
  " teal",
  ",",
  " and",
  " I",
  " should",
  " remember",
  " that",
  " in",
  " core",
  " memory",
  ".",
  " Let",
  " me",
  " check",
  " archival",
  " notes",
  " first",
];

/** The shape of a turn: how many fragments each sub-message of a step is cut into. */
export interface TurnShape {
  reasoningFragments: number;
  assistantFragments: number;
  /** Argument fragments of the step's tool call; 0 for a step without a tool call. */
  toolArgumentFragments: number;
  /** Characters per assistant fragment (`0`: word-sized tokens). */
  assistantFragmentChars?: number;
}

/** Mixed turn: reasoning, answer text, a streamed tool call and its return, in every step. */
export const MIXED: TurnShape = { reasoningFragments: 15, assistantFragments: 40, toolArgumentFragments: 8 };
/** A plain answer: text deltas only (time to first text, `execute()` output size). */
export const TEXT_ONLY: TurnShape = { reasoningFragments: 0, assistantFragments: 1_000_000, toolArgumentFragments: 0 };

function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `5a2e0000-0000-4000-8000-${hex}`;
}

function base(messageId: string, otid: string, stepId: string): Record<string, unknown> {
  return {
    id: messageId,
    date: DATE,
    name: null,
    otid,
    sender_id: null,
    step_id: stepId,
    is_err: null,
    seq_id: null,
    run_id: RUN_ID,
  };
}

/**
 * The turn's frames as JSON texts: ping, `tokenFrames` token-delta frames (plus the whole tool
 * returns that follow each tool call), then stop reason and usage. `[DONE]` is added by
 * {@link encodeSse}. Returns the frames and how many text characters the answer holds.
 */
export function buildFrames(
  tokenFrames: number,
  shape: TurnShape,
): { frames: string[]; textChars: number; textMessages: number; toolCalls: number } {
  const frames: string[] = [];
  frames.push(
    JSON.stringify({
      id: `ping-${uuid(0)}`,
      date: DATE,
      name: null,
      message_type: "ping",
      otid: null,
      sender_id: null,
      step_id: null,
      is_err: null,
      seq_id: null,
      run_id: RUN_ID,
    }),
  );
  let emitted = 0;
  let textChars = 0;
  let textMessages = 0;
  let toolCalls = 0;
  let word = 0;
  let step = 0;
  const nextWord = () => WORDS[word++ % WORDS.length] as string;
  const fragment = (chars: number | undefined) => (chars ? "x".repeat(chars - 1) + " " : nextWord());
  while (emitted < tokenFrames) {
    step++;
    const llm = uuid(step * 2);
    const messageId = `message-${llm}`;
    const stepId = `step-${uuid(step * 2 + 1)}`;
    for (let i = 0; i < shape.reasoningFragments && emitted < tokenFrames; i++, emitted++) {
      frames.push(
        JSON.stringify({
          ...base(messageId, `${llm}-0`, stepId),
          message_type: "reasoning_message",
          source: "non_reasoner_model",
          reasoning: nextWord(),
          signature: null,
        }),
      );
    }
    if (shape.assistantFragments > 0 && emitted < tokenFrames) textMessages++;
    for (let i = 0; i < shape.assistantFragments && emitted < tokenFrames; i++, emitted++) {
      const content = fragment(shape.assistantFragmentChars);
      textChars += content.length;
      frames.push(
        JSON.stringify({ ...base(messageId, `${llm}-1`, stepId), message_type: "assistant_message", content }),
      );
    }
    if (shape.toolArgumentFragments > 0 && emitted < tokenFrames) {
      toolCalls++;
      const toolCallId = `call_${step.toString(36).padStart(20, "0")}`;
      const args = JSON.stringify({ query: "favourite colour", page: step, tags: ["colour", "preferences"] });
      const size = Math.ceil(args.length / shape.toolArgumentFragments);
      for (let i = 0; i < shape.toolArgumentFragments && emitted < tokenFrames; i++, emitted++) {
        const delta = {
          name: i === 0 ? "conversation_search" : null,
          arguments: args.slice(i * size, (i + 1) * size),
          tool_call_id: toolCallId,
        };
        frames.push(
          JSON.stringify({
            ...base(messageId, `${llm}-2`, stepId),
            message_type: "tool_call_message",
            tool_call: delta,
            tool_calls: delta,
          }),
        );
      }
      const ret = uuid(step * 2 + 1_000_000);
      const output = `Found 1 message: 'my favourite colour is teal' (page ${step})`;
      frames.push(
        JSON.stringify({
          ...base(`message-${ret}`, `${ret}-0`, stepId),
          message_type: "tool_return_message",
          tool_return: output,
          status: "success",
          tool_call_id: toolCallId,
          stdout: null,
          stderr: null,
          tool_returns: [
            {
              type: "tool",
              tool_return: output,
              status: "success",
              tool_call_id: toolCallId,
              stdout: null,
              stderr: null,
            },
          ],
        }),
      );
    }
  }
  frames.push(JSON.stringify({ message_type: "stop_reason", stop_reason: "end_turn" }));
  frames.push(
    JSON.stringify({
      message_type: "usage_statistics",
      completion_tokens: tokenFrames,
      prompt_tokens: 5120,
      total_tokens: 5120 + tokenFrames,
      step_count: step,
      run_ids: null,
      cached_input_tokens: null,
      cache_write_tokens: null,
      reasoning_tokens: null,
      context_tokens: 2650,
    }),
  );
  return { frames, textChars, textMessages, toolCalls };
}

/** A stream ready to serve: the SSE bytes cut into the chunks a reader receives. */
export interface RecordedStream {
  chunks: Uint8Array[];
  bytes: number;
  frames: number;
  /** Characters of answer text in the assistant fragments. */
  textChars: number;
  /** Distinct assistant messages (the adapter separates them with a blank line). */
  textMessages: number;
  /** Tool calls (each streamed in argument fragments, then its return). */
  toolCalls: number;
}

/**
 * SSE-encodes the frames (with the final `data: [DONE]`). `chunkBytes` 0 gives one chunk per frame,
 * as Letta flushes each token; a size gives fixed-size chunks that cut frames anywhere.
 */
export function encodeSse(
  frames: string[],
  text: { textChars: number; textMessages: number; toolCalls: number },
  chunkBytes = 0,
): RecordedStream {
  const encoder = new TextEncoder();
  const texts = [...frames.map((f) => `data: ${f}\n\n`), "data: [DONE]\n\n"];
  let chunks: Uint8Array[];
  if (chunkBytes === 0) {
    chunks = texts.map((t) => encoder.encode(t));
  } else {
    const all = encoder.encode(texts.join(""));
    chunks = [];
    for (let at = 0; at < all.length; at += chunkBytes) chunks.push(all.subarray(at, at + chunkBytes));
  }
  return { chunks, bytes: chunks.reduce((n, c) => n + c.length, 0), frames: texts.length, ...text };
}

export function recordedStream(tokenFrames: number, shape: TurnShape, chunkBytes = 0): RecordedStream {
  const { frames, ...text } = buildFrames(tokenFrames, shape);
  return encodeSse(frames, text, chunkBytes);
}

/** Called for every chunk a reader pulls (memory sampling). */
export type PullHook = (chunkIndex: number) => void;

/**
 * A `fetch` that answers every message send with the recorded stream: a pull-based `ReadableStream`
 * handing out the pre-encoded chunks, the fairest floor for both clients (no sockets, no msw).
 * The request body is ignored; `/messages/cancel` gets `{}`; the memory reads of the adapter's
 * memory events (blocks, archival passages) get an empty list. Like a real `fetch`, it honours the
 * request's signal: an abort rejects the call, or errors the body mid-stream.
 */
export function streamingFetch(source: () => RecordedStream, onPull?: PullHook): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.throwIfAborted();
    if (url.endsWith("/messages/cancel")) return Response.json({});
    if ((init?.method ?? "GET") === "GET") return Response.json([]);
    const { chunks } = source();
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener("abort", () => controller.error(signal.reason), { once: true });
      },
      pull(controller) {
        if (index < chunks.length) {
          onPull?.(index);
          controller.enqueue(chunks[index++] as Uint8Array);
        }
        if (index >= chunks.length) controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8" } });
  }) as typeof fetch;
}
