import type { ExecuteRequest, ExecutionEvent } from "@openharness/letta";
import { encodeSseEvent } from "@openharness/types";
import { LOCAL_TIME_TOOL } from "@openharness/example-support";
import { PendingApprovals } from "./pending-approvals";
import type { WebAppContext } from "./web-app-context";
import { readBody, restAdapter } from "./web-app-context";
import { json, type Route, route } from "./web-router";

const encoder = new TextEncoder();

/**
 * Turns: `POST /api/turns` runs one and streams its OpenHarness events as SSE (the types
 * package's encoder); `POST /api/turns/:id/stop` cancels it; `POST /api/approvals/:id` answers
 * an approval request the stream showed, and the same turn goes on.
 */
export function turnRoutes(context: WebAppContext): Route[] {
  const running = new Map<string, AbortController>();
  const approvals = new PendingApprovals();

  const events = (request: ExecuteRequest, signal: AbortSignal): AsyncIterable<ExecutionEvent> => {
    const options = { signal, includeThinking: true };
    const rest = restAdapter(context);
    // The local App Server streams as its model does and keeps its own tool policy.
    if (!rest) return context.connection.adapter.executeStream(request, options);
    return rest.executeStream(request, {
      ...options,
      streamTokens: true,
      clientTools: [LOCAL_TIME_TOOL],
      onApproval: (pending, { signal: turn }) => approvals.wait(pending.id, turn),
    });
  };

  return [
    route("POST", "/api/turns", async (request) => {
      const body = await readBody(request);
      if (body instanceof Response) return body;
      const { message, session_id, turn_id } = body;
      if (typeof message !== "string" || message.trim() === "")
        return json({ error: "message: expected a non-empty string" }, 400);
      if (typeof turn_id !== "string" || turn_id === "") return json({ error: "turn_id: expected a string" }, 400);
      if (session_id !== undefined && typeof session_id !== "string")
        return json({ error: "session_id: expected a string" }, 400);
      const controller = new AbortController();
      running.set(turn_id, controller);
      // A page that goes away stops its turn, as the stop button does.
      request.signal.addEventListener("abort", () => controller.abort(), { once: true });
      const turn = events(
        { message, agent_id: context.agentId, ...(session_id ? { session_id } : {}) },
        controller.signal,
      );
      const stream = new ReadableStream<Uint8Array>({
        async start(sink) {
          try {
            // The adapter's stream never throws once started: failures arrive as `error` + `done`.
            for await (const event of turn) sink.enqueue(encoder.encode(encodeSseEvent(event)));
            sink.close();
          } catch (error) {
            sink.error(error);
          } finally {
            running.delete(turn_id);
            context.connection.save();
          }
        },
        cancel: () => controller.abort(),
      });
      return new Response(stream, {
        headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store" },
      });
    }),
    route("POST", "/api/turns/:id/stop", (_request, { id = "" }) => {
      const controller = running.get(id);
      controller?.abort();
      return json({ stopped: controller !== undefined });
    }),
    route("POST", "/api/approvals/:id", async (request, { id = "" }) => {
      const body = await readBody(request);
      if (body instanceof Response) return body;
      if (typeof body.approve !== "boolean") return json({ error: "approve: expected true or false" }, 400);
      const answer = body.approve
        ? { approve: true }
        : { approve: false, reason: typeof body.reason === "string" ? body.reason : "the user said no" };
      return approvals.answer(id, answer)
        ? json({ answered: true })
        : json({ error: `no approval request "${id}" is waiting` }, 404);
    }),
  ];
}
