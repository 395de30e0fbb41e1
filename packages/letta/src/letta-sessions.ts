import type { Conversation } from "@letta-ai/letta-client/resources/conversations/conversations";
import { type SessionOperations, UnsupportedFeatureError } from "@openharness/adapter-kit";
import { CreateSessionRequestSchema, type Session, SessionHistoryOptionsSchema } from "@openharness/types";
import { collectLettaPages } from "./collect-letta-pages";
import { convertLettaHistory } from "./convert-letta-history";
import type { LettaContext } from "./letta-context";
import { NO_RETRY } from "./letta-input-schemas";
import { parseLettaArgument, parseLettaInput } from "./parse-letta-input";

/** A Letta conversation as an OpenHarness session: its `summary` is the session's name. */
export function convertLettaConversation(conversation: Conversation): Session {
  return {
    id: conversation.id,
    agent_id: conversation.agent_id,
    ...(conversation.summary ? { name: conversation.summary } : {}),
    ...(conversation.created_at ? { created_at: conversation.created_at } : {}),
    ...(conversation.updated_at ? { updated_at: conversation.updated_at } : {}),
  };
}

const where = (operation: string) => ({ domain: "sessions", operation });
const PAGE = 100;

/**
 * Sessions are Letta conversations: each keeps its own message history while the agent's memory
 * is shared by all of them. Run a turn in one with `ExecuteRequest.session_id`.
 */
export function lettaSessions(ctx: LettaContext): SessionOperations {
  const { client } = ctx;
  const sessionId = (value: unknown, operation: string) => parseLettaArgument(value, "sessionId", where(operation));
  const call = <T>(operation: string, id: string, run: () => Promise<T>) =>
    ctx.call({ operation, resource: "session", resourceId: id, domain: "sessions" }, run);

  return {
    create: async (agentId, options = {}) => {
      const agent = parseLettaArgument(agentId, "agentId", where("create"));
      const valid = parseLettaInput(CreateSessionRequestSchema, options, "session options", where("create"));
      if (valid.metadata !== undefined) {
        throw new UnsupportedFeatureError({
          harness: "Letta",
          domain: "sessions",
          operation: "create",
          reason: "metadata: Letta conversations have no metadata",
          workaround: "give the session a name, or keep metadata in your application keyed by the session id",
        });
      }
      const created = await ctx.call({ operation: "createSession", resource: "agent", resourceId: agent }, () =>
        client.conversations.create({ agent_id: agent, ...(valid.name ? { summary: valid.name } : {}) }, NO_RETRY),
      );
      return convertLettaConversation(created);
    },
    get: async (id) => {
      const valid = sessionId(id, "get");
      return convertLettaConversation(await call("getSession", valid, () => client.conversations.retrieve(valid)));
    },
    list: async (agentId) => {
      const agent = parseLettaArgument(agentId, "agentId", where("list"));
      return ctx.call({ operation: "listSessions", resource: "agent", resourceId: agent }, async () => {
        // Letta answers a plain list per page: walk the `after` cursor until a page brings nothing new.
        const sessions: Session[] = [];
        const seen = new Set<string>();
        let after: string | undefined;
        for (;;) {
          const page = await client.conversations.list({ agent_id: agent, limit: PAGE, order: "asc", after });
          const fresh = page.filter((conversation) => !seen.has(conversation.id));
          for (const conversation of fresh) {
            seen.add(conversation.id);
            sessions.push(convertLettaConversation(conversation));
          }
          if (fresh.length === 0 || page.length < PAGE) return sessions;
          after = page.at(-1)?.id;
        }
      });
    },
    delete: async (id) => {
      const valid = sessionId(id, "delete");
      await call("deleteSession", valid, () => client.conversations.delete(valid));
    },
    fork: async (id) => {
      const valid = sessionId(id, "fork");
      return convertLettaConversation(await call("forkSession", valid, () => client.conversations.fork(valid)));
    },
    history: async (id, options = {}) => {
      const valid = sessionId(id, "history");
      const range = parseLettaInput(SessionHistoryOptionsSchema, options, "history options", where("history"));
      return call("getSessionHistory", valid, async () => {
        const query = { order: "asc" as const, before: range.before, after: range.after, limit: range.limit ?? PAGE };
        const pages = client.conversations.messages.list(valid, query);
        // A limit asks for one page; without one, the whole history.
        // The messages of one step share their id (reasoning, tool call, ...): one message is id and type.
        const messages = range.limit
          ? (await pages).getPaginatedItems()
          : await collectLettaPages(pages, (message) => `${message.id}:${message.message_type}`);
        return convertLettaHistory(messages);
      });
    },
  };
}
