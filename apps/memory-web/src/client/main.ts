import type { Session } from "@openharness/types";
import { type AppState, api } from "./api";
import { byId, h } from "./dom";
import { MemoryPanel } from "./memory-panel";
import { TurnView } from "./turn-view";

const SESSION_KEY = "memory-web.session";

const transcript = byId<HTMLOListElement>("transcript");
const form = byId<HTMLFormElement>("composer");
const input = byId<HTMLTextAreaElement>("message");
const send = byId<HTMLButtonElement>("send");
const stop = byId<HTMLButtonElement>("stop");
const sessionList = byId<HTMLUListElement>("session-list");
const newSession = byId<HTMLButtonElement>("new-session");
const askBeforeEdits = byId<HTMLInputElement>("ask-before-edits");
const memory = new MemoryPanel(byId<HTMLUListElement>("blocks"));

let state: AppState;
let sessionId: string | undefined;
let turnId: string | undefined;

const notice = (text: string) => transcript.append(h("li", { class: "error", role: "alert" }, text));

async function showSessions(sessions: Session[]): Promise<void> {
  // Oldest first, numbered in that order, whatever order the harness lists them in.
  const ordered = [...sessions].sort((a, b) => (a.created_at ?? "").localeCompare(b.created_at ?? ""));
  sessionList.replaceChildren(
    ...ordered.map((session, index) => {
      const button = h(
        "button",
        { type: "button", "aria-current": session.id === sessionId ? "true" : "false" },
        session.name ?? `Session ${index + 1}`,
      );
      button.addEventListener("click", () => void switchTo(session.id));
      return h("li", {}, button);
    }),
  );
}

async function switchTo(id: string): Promise<void> {
  sessionId = id;
  localStorage.setItem(SESSION_KEY, id);
  await showSessions(await api.sessions());
  transcript.replaceChildren(...TurnView.fromHistory(await api.history(id)).map((turn) => turn.element));
  input.focus();
}

async function runTurn(message: string): Promise<void> {
  const view = new TurnView(message, (request, approve) => api.answer(request.id, approve).then(() => undefined));
  transcript.append(view.element);
  turnId = crypto.randomUUID();
  send.disabled = true;
  stop.disabled = false;
  try {
    for await (const event of api.turn({ message, turn_id: turnId, ...(sessionId ? { session_id: sessionId } : {}) })) {
      view.show(event);
      if (event.type === "memory_update") memory.update(event);
      view.element.scrollIntoView({ block: "end" });
    }
  } catch (error) {
    notice(`The turn failed: ${(error as Error).message}`);
  } finally {
    turnId = undefined;
    send.disabled = false;
    stop.disabled = true;
    input.focus();
  }
  memory.show(await api.blocks());
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message || turnId) return;
  input.value = "";
  void runTurn(message);
});
// Enter sends, Shift+Enter makes a new line.
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});
stop.addEventListener("click", () => {
  if (turnId) void api.stop(turnId);
});
newSession.addEventListener("click", async () => {
  const session = await api.createSession();
  await switchTo(session.id);
});
askBeforeEdits.addEventListener("change", () => {
  api.askBeforeMemoryEdits(askBeforeEdits.checked).catch((error: unknown) => {
    askBeforeEdits.checked = !askBeforeEdits.checked;
    notice((error as Error).message);
  });
});

async function start(): Promise<void> {
  state = await api.state();
  byId("backend").textContent =
    `on ${state.backend.kind === "emulator" ? "the built-in Letta emulator" : `${state.backend.kind} (${state.backend.where})`} · agent ${state.agent_id}`;
  askBeforeEdits.disabled = !state.features.approvals;
  memory.show(await api.blocks());
  if (state.features.sessions) {
    const sessions = await api.sessions();
    const remembered = localStorage.getItem(SESSION_KEY);
    const current = sessions.find((s) => s.id === remembered) ?? sessions.at(-1) ?? (await api.createSession());
    await switchTo(current.id);
  } else {
    newSession.disabled = true;
    sessionList.append(h("li", { class: "muted" }, "This backend keeps one conversation."));
  }
  document.body.dataset.ready = "true";
}

start().catch((error: unknown) => notice(`Could not start: ${(error as Error).message}`));
