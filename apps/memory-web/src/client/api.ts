import type { ExecutionEvent, MemoryBlock, Message, Session } from "@openharness/types";
import { decodeSseStream } from "@openharness/types";

/** What the server says about itself and the agent. */
export interface AppState {
  backend: { kind: string; where: string };
  agent_id: string;
  features: { sessions: boolean; approvals: boolean };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(data.error ?? `${method} ${path} answered ${response.status}`);
  return data;
}

/** The server's HTTP API, as the page uses it. */
export const api = {
  state: () => call<AppState>("GET", "/api/state"),
  blocks: () => call<MemoryBlock[]>("GET", "/api/blocks"),
  updateBlock: (label: string, value: string) =>
    call<MemoryBlock>("PUT", `/api/blocks/${encodeURIComponent(label)}`, { value }),
  askBeforeMemoryEdits: (on: boolean) => call<{ on: boolean }>("PUT", "/api/settings/ask-before-memory-edits", { on }),
  sessions: () => call<Session[]>("GET", "/api/sessions"),
  createSession: () => call<Session>("POST", "/api/sessions"),
  history: (sessionId: string) => call<Message[]>("GET", `/api/sessions/${encodeURIComponent(sessionId)}/history`),
  stop: (turnId: string) => call<{ stopped: boolean }>("POST", `/api/turns/${encodeURIComponent(turnId)}/stop`),
  answer: (requestId: string, approve: boolean) =>
    call<{ answered: boolean }>("POST", `/api/approvals/${encodeURIComponent(requestId)}`, { approve }),

  /** Runs a turn: its OpenHarness events, decoded from the SSE stream by the contract's own decoder. */
  async *turn(body: { message: string; turn_id: string; session_id?: string }): AsyncGenerator<ExecutionEvent> {
    const response = await fetch("/api/turns", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok || !response.body) {
      const data = (await response.json().catch(() => ({}))) as { error?: string };
      throw new Error(data.error ?? `the turn was refused (${response.status})`);
    }
    yield* decodeSseStream(response.body);
  },
};
