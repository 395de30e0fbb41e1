import { parseInput, type SessionOperations } from "@openharness/adapter-kit";
import type { Message as LettaMessage } from "@letta-ai/letta-client/resources/agents/messages";
import { type Message, SessionHistoryOptionsSchema } from "@openharness/types";
import * as z from "zod";
import { convertLettaHistory } from "../convert-letta-history";
import type { AppServerConversation } from "./app-server-messages";
import type { AppServerRequests } from "./app-server-requests";

const HARNESS = "Letta (local)";
/** Conversations and messages asked for per page. */
const PAGE = 100;

/** A conversation of a local agent, as `sessions` returns it. */
export interface LocalSession {
  id: string;
  agent_id: string;
  created_at?: string;
}

const toSession = (conversation: AppServerConversation, agentId: string): LocalSession => ({
  id: conversation.id,
  agent_id: conversation.agent_id ?? agentId,
  ...(conversation.created_at ? { created_at: conversation.created_at } : {}),
});

const SessionId = z.object({ sessionId: z.string().min(1) });

/** Letta Code prefixes a turn's user message with `<system-reminder>` blocks (device, agent, MCP context). */
const REMINDERS = /^(?:\s*<system-reminder>[\s\S]*?<\/system-reminder>)+\s*/;

/** The history as the user wrote it: the context Letta Code injected into user messages taken out. */
const withoutReminders = (messages: Message[]): Message[] =>
  messages.map((message) =>
    message.role === "user" ? { ...message, content: message.content.replace(REMINDERS, "") } : message,
  );

/**
 * Sessions are the App Server's conversations (`conversation_*` commands, forwarded to Letta's
 * conversations API by its local backend): create, get, list (every page), fork, and the history
 * in the REST adapter's message shape. The protocol has no way to delete one.
 */
export function localSessions(deps: AppServerRequests): Omit<SessionOperations, "delete"> {
  const sessionId = (value: unknown, operation: string) =>
    parseInput(SessionId, { sessionId: value }, { what: "sessionId", harness: HARNESS, domain: "sessions", operation })
      .sessionId;
  const context = (operation: string, id: string, resource = "session") =>
    ({ operation, domain: "sessions", resource, resourceId: id }) as const;
  const get = async (value: string): Promise<LocalSession> => {
    const id = sessionId(value, "get");
    const response = await deps.request(
      { type: "conversation_retrieve", conversation_id: id },
      context("conversation_retrieve", id),
    );
    const conversation = response.conversation as AppServerConversation;
    return toSession(conversation, conversation.agent_id ?? "");
  };
  return {
    create: async (agentId) => {
      const id = deps.checkAgentId(agentId, "create");
      const response = await deps.request(
        { type: "conversation_create", body: { agent_id: id } },
        context("conversation_create", id, "agent"),
      );
      return toSession(response.conversation as AppServerConversation, id);
    },
    get,
    list: async (agentId) => {
      const id = deps.checkAgentId(agentId, "list");
      const sessions = new Map<string, LocalSession>();
      let after: string | undefined;
      // Walk the `after` cursor until a page brings nothing new (a server ignoring it costs one page).
      for (;;) {
        const response = await deps.request(
          {
            type: "conversation_list",
            query: { agent_id: id, limit: PAGE, order: "asc", ...(after ? { after } : {}) },
          },
          context("conversation_list", id, "agent"),
        );
        const page = (response.conversations as AppServerConversation[] | undefined) ?? [];
        const fresh = page.filter((conversation) => !sessions.has(conversation.id));
        for (const conversation of fresh) sessions.set(conversation.id, toSession(conversation, id));
        if (fresh.length === 0 || page.length < PAGE) return [...sessions.values()];
        after = page.at(-1)?.id;
      }
    },
    fork: async (value) => {
      const id = sessionId(value, "fork");
      const response = await deps.request(
        { type: "conversation_fork", conversation_id: id },
        context("conversation_fork", id),
      );
      return get((response.conversation as { id: string }).id);
    },
    history: async (value, options = {}) => {
      const id = sessionId(value, "history");
      const range = parseInput(SessionHistoryOptionsSchema, options, {
        what: "history options",
        harness: HARNESS,
        domain: "sessions",
        operation: "history",
      });
      const messages: LettaMessage[] = [];
      const seen = new Set<string>();
      let after = range.after;
      for (;;) {
        const query = { order: "asc", limit: range.limit ?? PAGE, before: range.before, after };
        const response = await deps.request(
          { type: "conversation_messages_list", conversation_id: id, query },
          context("conversation_messages_list", id),
        );
        const page = (response.messages as LettaMessage[] | undefined) ?? [];
        // The messages of one step share their id (reasoning, tool call, ...): one message is id and type.
        const fresh = page.filter((message) => !seen.has(`${message.id}:${message.message_type}`));
        for (const message of fresh) {
          seen.add(`${message.id}:${message.message_type}`);
          messages.push(message);
        }
        // A limit asks for one page; without one, the whole history.
        if (range.limit || fresh.length === 0 || response.has_more !== true)
          return withoutReminders(convertLettaHistory(messages));
        after = page.at(-1)?.id;
      }
    },
  };
}
