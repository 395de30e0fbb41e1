import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChatMessage, SCRIPTED_MODEL_ID, type ScriptedReply, scriptReply } from "./scripted-model.ts";

/** A running scripted model. */
export interface ScriptedModelServer {
  /** The OpenAI-compatible base URL, `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** How many chat completions it has served. */
  readonly completions: number;
  close(): Promise<void>;
}

/** Delay between the chunks of a `slow` answer: long enough to cancel mid-answer. */
const SLOW_CHUNK_MS = 150;

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body ? JSON.parse(body) : undefined;
}

/** The streamed chunks of a reply, in OpenAI's `chat.completion.chunk` shape. */
function replyChunks(reply: ScriptedReply): { delta: Record<string, unknown>; finish?: string }[] {
  if (reply.kind === "tool_call") {
    return [
      {
        delta: {
          role: "assistant",
          content: null,
          tool_calls: [{ index: 0, id: reply.id, type: "function", function: { name: reply.name, arguments: "" } }],
        },
      },
      { delta: { tool_calls: [{ index: 0, function: { arguments: reply.arguments } }] } },
      { delta: {}, finish: "tool_calls" },
    ];
  }
  const words = reply.text.match(/\S+\s*/g) ?? [reply.text];
  return [
    ...(reply.reasoning ? [{ delta: { role: "assistant", reasoning_content: reply.reasoning } }] : []),
    ...words.map((word, index) => ({ delta: index === 0 ? { role: "assistant", content: word } : { content: word } })),
    { delta: {}, finish: "stop" },
  ];
}

/**
 * Starts an OpenAI-compatible model on loopback, on a free port (never 1234, 8080 or 11434,
 * which Letta Code probes for LM Studio, llama.cpp and Ollama). It serves `GET /v1/models` and
 * streaming `POST /v1/chat/completions` with tool calls and usage, answering as
 * {@link scriptReply} decides.
 */
export async function startScriptedModelServer(): Promise<ScriptedModelServer> {
  let completions = 0;
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) json(response, 500, { error: { message: String(error) } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    if (request.method === "GET" && path === "/v1/models") {
      json(response, 200, {
        object: "list",
        data: [{ id: SCRIPTED_MODEL_ID, object: "model", created: 0, owned_by: "openharness" }],
      });
      return;
    }
    if (request.method !== "POST" || path !== "/v1/chat/completions") {
      json(response, 404, { error: { message: `no route ${request.method} ${path}` } });
      return;
    }
    const body = (await readJson(request)) as { messages?: ChatMessage[]; stream?: boolean; model?: string };
    completions += 1;
    const reply = scriptReply(body.messages ?? []);
    const id = `chatcmpl-scripted-${completions}`;
    const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 0, model: body.model ?? SCRIPTED_MODEL_ID, choices, ...extra })}\n\n`;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let closed = false;
    response.on("close", () => {
      closed = true;
    });
    const chunks = replyChunks(reply);
    for (const chunk of chunks) {
      if (closed) return;
      response.write(frame([{ index: 0, delta: chunk.delta, finish_reason: chunk.finish ?? null }]));
      if (reply.kind === "text" && reply.slow) await new Promise((resolve) => setTimeout(resolve, SLOW_CHUNK_MS));
    }
    const promptTokens = JSON.stringify(body.messages ?? []).length >> 2;
    const completionTokens = chunks.length;
    response.write(
      frame([], {
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      }),
    );
    response.end("data: [DONE]\n\n");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get completions() {
      return completions;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
