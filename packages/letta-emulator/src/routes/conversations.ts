import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { EmulatedConversation as Conversation } from "../state/emulator-state.js";
import { systemMessage } from "../state/system-message.js";
import { isRecord } from "../support/json.js";
import { conversationBusy } from "../wire/conversation-busy.js";
import { conflict, detail } from "../wire/http-error.js";
import { MESSAGE_TYPES } from "../wire/wire-frames.js";
import { cancelRuns, sendMessage } from "./messages.js";
import { requestValidation } from "./parse-send-request.js";
import { type EmulatorCore, objectBody, ok, queryInt, type RouteInput, type RouteResult } from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

const UUID4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
// Letta's `ConversationId` and `ConversationIdOrDefault` path types (`letta/validators.py`, the spec's patterns).
const CONVERSATION_ID = new RegExp(`^conv-${UUID4}$`);
const CONVERSATION_ID_OR_DEFAULT = new RegExp(`^(default|conv-${UUID4}|agent-${UUID4})$`);

function conversationId(input: RouteInput, orDefault: boolean): string {
  const value = input.params.conversation_id ?? "";
  if (!(orDefault ? CONVERSATION_ID_OR_DEFAULT : CONVERSATION_ID).test(value))
    throw requestValidation(
      `path.conversation_id: String should match pattern '${orDefault ? "default|conv-…|agent-…" : "conv-…"}'`,
    );
  return value;
}

/**
 * The thread a `ConversationIdOrDefault` names: a conversation, or an agent's default one in
 * agent-direct mode (`default` + `agent_id`, or the deprecated agent id in the path).
 */
export function threadOf(
  core: EmulatorCore,
  input: RouteInput,
  agentId: unknown,
): { agentId: string; conversationId: string | null } {
  const id = conversationId(input, true);
  const direct = id === "default" && typeof agentId === "string" ? agentId : id.startsWith("agent-") ? id : null;
  if (direct) return { agentId: core.store.agent(direct).id, conversationId: null };
  if (id === "default") throw requestValidation("agent_id is required with the 'default' conversation");
  const conversation = core.store.conversation(id);
  return { agentId: conversation.agent_id, conversationId: conversation.id };
}

function newConversation(core: EmulatorCore, agentId: string, fields: Partial<Conversation>): Conversation {
  const { store } = core;
  const now = store.timestamp();
  const conversation: Conversation = {
    id: `conv-${store.env.uuid()}`,
    agent_id: agentId,
    summary: null,
    created_at: now,
    updated_at: now,
    created_by_id: null,
    last_updated_by_id: null,
    in_context_message_ids: [],
    isolated_block_ids: [],
    model: null,
    model_settings: null,
    last_message_at: null,
    ...fields,
  };
  const system = systemMessage(core.store, core.store.agent(agentId).system);
  store.conversations[conversation.id] = conversation;
  store.messagesOf(conversation.id).push(system);
  conversation.in_context_message_ids = [system.id];
  return conversation;
}

function createConversation(core: EmulatorCore, input: RouteInput): RouteResult {
  const agentId = input.query.get("agent_id");
  if (!agentId) throw requestValidation("query.agent_id: Field required");
  const agent = core.store.agent(agentId);
  const body = objectBody(input, true);
  const summary = typeof body.summary === "string" ? body.summary : null;
  const model = typeof body.model === "string" ? body.model : null;
  return ok(newConversation(core, agent.id, { summary, model }));
}

function listConversations(core: EmulatorCore, input: RouteInput): RouteResult {
  const q = input.query;
  const agentId = q.get("agent_id");
  const search = q.get("summary_search")?.toLowerCase();
  let list = Object.values(core.store.conversations).filter(
    (c) => (!agentId || c.agent_id === agentId) && (!search || (c.summary ?? "").toLowerCase().includes(search)),
  );
  // Stored in creation order; `last_message_at` puts conversations never written to first (nulls first, ascending).
  if (q.get("order_by") === "last_message_at")
    list = [...list].sort((a, b) => (a.last_message_at ?? "").localeCompare(b.last_message_at ?? ""));
  if ((q.get("order") ?? "desc") === "desc") list.reverse();
  const after = q.get("after");
  if (after) {
    const index = list.findIndex((c) => c.id === after);
    list = index < 0 ? [] : list.slice(index + 1);
  }
  return ok(list.slice(0, queryInt(q, "limit", 50) ?? 50));
}

function updateConversation(core: EmulatorCore, input: RouteInput): RouteResult {
  const conversation = core.store.conversation(conversationId(input, false));
  const body = objectBody(input);
  for (const field of ["summary", "model", "model_settings", "last_message_at"] as const) {
    if (field in body) (conversation as unknown as Record<string, unknown>)[field] = body[field] ?? null;
  }
  conversation.updated_at = core.store.timestamp();
  return ok(conversation);
}

function deleteConversation(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const conversation = store.conversation(conversationId(input, false));
  // A soft delete on Letta: never listed or served again. The agent and its memory stay.
  delete store.conversations[conversation.id];
  delete store.state.messages[conversation.id];
  delete store.state.approvals[conversation.id];
  return ok(null);
}

function forkConversation(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const thread = threadOf(core, input, input.query.get("agent_id"));
  const source = thread.conversationId ? store.conversation(thread.conversationId) : null;
  const fork = newConversation(core, thread.agentId, { model: source?.model ?? null });
  // The fork shares the source's messages after its system message and gets its own system message.
  const copied = store
    .messagesOf(thread.conversationId ?? thread.agentId)
    .filter((m) => m.message_type !== "system_message");
  store.messagesOf(fork.id).push(...copied);
  fork.in_context_message_ids = [...(fork.in_context_message_ids ?? []), ...new Set(copied.map((m) => m.id))];
  return ok(fork);
}

/** Letta messages grouped by stored message (one stored message can be several Letta messages sharing an id). */
function storedMessages(messages: readonly Message[]): Message[][] {
  const groups: Message[][] = [];
  for (const message of messages) {
    const last = groups.at(-1);
    if (last && last[0]?.id === message.id) last.push(message);
    else groups.push([message]);
  }
  return groups;
}

/**
 * `GET /v1/conversations/{id}/messages`, as `list_conversation_messages` does it: `before`/`after`
 * filter by position in the conversation (whatever the order; an unknown cursor filters nothing),
 * then the order, then `limit` stored messages.
 */
function listConversationMessages(core: EmulatorCore, input: RouteInput): RouteResult {
  const q = input.query;
  const thread = threadOf(core, input, q.get("agent_id"));
  const types = q.getAll("include_return_message_types");
  for (const type of types) {
    if (!(MESSAGE_TYPES as readonly string[]).includes(type))
      throw requestValidation(`query.include_return_message_types: Input should be one of ${MESSAGE_TYPES.join(", ")}`);
  }
  let groups = storedMessages(core.store.messagesOf(thread.conversationId ?? thread.agentId));
  const position = (id: string | null) => (id ? groups.findIndex((g) => g[0]?.id === id) : -1);
  const before = position(q.get("before"));
  const after = position(q.get("after"));
  groups = groups.filter((_, i) => (before < 0 || i < before) && (after < 0 || i > after));
  if ((q.get("order") ?? "desc") === "desc") groups.reverse();
  const limit = queryInt(q, "limit", 100);
  if (limit !== null) groups = groups.slice(0, limit);
  return ok(groups.flat().filter((m) => types.length === 0 || types.includes(m.message_type ?? "")));
}

function sendConversationMessage(core: EmulatorCore, input: RouteInput): Promise<RouteResult> {
  const body = isRecord(input.body) ? input.body : {};
  if (Array.isArray(body.messages) && body.messages.length === 0) throw detail(422, "Messages must not be empty");
  const thread = threadOf(core, input, body.agent_id);
  const conversation = thread.conversationId ? core.store.conversation(thread.conversationId) : null;
  if (conversation) conversation.last_message_at = core.store.timestamp();
  const lockKey = thread.conversationId ?? thread.agentId;
  return sendMessage(core, input, {
    ...thread,
    forceStreaming: false,
    streamingByDefault: true,
    runType: "send_conversation_message",
    // Streaming sends hold a lock on the conversation for the whole run (`streaming_service.py`);
    // synchronous ones take none.
    admit: (request) => {
      if (!request.streaming) return;
      const holder = [...core.activeRuns.values()].find(
        (a) => a.thread === lockKey && !a.cancelled && a.run.request.streaming,
      );
      if (holder) throw conversationBusy(holder.run.id);
    },
  });
}

/** `POST /v1/conversations/{id}/cancel`: the conversation's active runs (agent-direct mode: all the agent's). */
function cancelConversation(core: EmulatorCore, input: RouteInput): RouteResult {
  const thread = threadOf(core, input, input.query.get("agent_id"));
  const active = [...core.activeRuns.values()]
    .filter(
      (a) =>
        !a.cancelled && (thread.conversationId ? a.thread === thread.conversationId : a.agentId === thread.agentId),
    )
    .map((a) => a.run.id);
  // `NoActiveRunsToCancelError(conversation_id=...)` names the path's id, `default` included (`conversations.py`).
  if (active.length === 0)
    throw conflict(`CONFLICT: No active runs to cancel for conversation ${input.params.conversation_id}`);
  return ok(cancelRuns(core, thread.agentId, active));
}

/** `/v1/conversations/`: Letta's conversations, each with its own message history on an agent whose memory they share. */
export const conversationRoutes: readonly RouteDefinition[] = [
  route("POST", "/v1/conversations/", createConversation),
  route("GET", "/v1/conversations/", listConversations),
  route("GET", "/v1/conversations/{conversation_id}", (core, input) =>
    ok(core.store.conversation(conversationId(input, false))),
  ),
  route("PATCH", "/v1/conversations/{conversation_id}", updateConversation),
  route("DELETE", "/v1/conversations/{conversation_id}", deleteConversation),
  route("POST", "/v1/conversations/{conversation_id}/fork", forkConversation),
  route("GET", "/v1/conversations/{conversation_id}/messages", listConversationMessages),
  route("POST", "/v1/conversations/{conversation_id}/messages", sendConversationMessage),
  route("POST", "/v1/conversations/{conversation_id}/cancel", cancelConversation),
];
