import { type MemoryOperations, NotFoundError } from "@openharness/adapter-kit";
import type { PassageSearchResult } from "@openharness/types";
import { convertLettaPassage } from "./convert-letta-passage";
import { ensureLettaArchivalTools } from "./letta-archival-tools";
import type { LettaContext } from "./letta-context";
import {
  ListPassagesSchema,
  NO_RETRY,
  PassageTextSchema,
  SearchPassagesSchema,
  TagsSchema,
} from "./letta-input-schemas";
import { parseLettaArgument, parseLettaInput } from "./parse-letta-input";

type PassageOperations = Pick<MemoryOperations, "insertPassage" | "listPassages" | "searchPassages" | "deletePassage">;

const ARCHIVE = { domain: "memory", operation: "archive" };
const SEARCH = { domain: "memory", operation: "search" };

/**
 * Archival memory: an agent's passages, with semantic search. The first insert into an agent
 * attaches the archival tools it lacks (unless `archivalTools: false`), so the agent can find them.
 */
export function lettaArchivalPassages(ctx: LettaContext): PassageOperations {
  const { client } = ctx;
  const withArchivalTools = new Set<string>();
  return {
    insertPassage: async (agentId, text, options = {}) => {
      const agent = parseLettaArgument(agentId, "agentId", ARCHIVE);
      const textValue = parseLettaInput(PassageTextSchema, text, "passage text", ARCHIVE);
      const tags = parseLettaInput(TagsSchema, options.tags, "passage tags", ARCHIVE);
      // Before the insert: a failure then leaves nothing half done (a retried insert would duplicate).
      if (ctx.options.archivalTools) await ensureLettaArchivalTools(ctx, agent, withArchivalTools);
      const created = await ctx.call({ operation: "insertPassage", resource: "agent", resourceId: agent }, () =>
        client.agents.passages.create(agent, { text: textValue, ...(tags ? { tags } : {}) }, NO_RETRY),
      );
      const first = created[0];
      if (!first)
        throw new NotFoundError({ harness: "Letta", message: "Letta created no passage.", resource: "passage" });
      return convertLettaPassage(first);
    },

    listPassages: async (agentId, options = {}) => {
      const agent = parseLettaArgument(agentId, "agentId", ARCHIVE);
      const query = parseLettaInput(ListPassagesSchema, options, "list options", ARCHIVE);
      const passages = await ctx.call({ operation: "listPassages", resource: "agent", resourceId: agent }, () =>
        client.agents.passages.list(agent, query),
      );
      return passages.map(convertLettaPassage);
    },

    searchPassages: async (agentId, query, options = {}) => {
      const agent = parseLettaArgument(agentId, "agentId", SEARCH);
      const queryValue = parseLettaArgument(query, "query", SEARCH);
      const valid = parseLettaInput(SearchPassagesSchema, options, "search options", SEARCH);
      const found = await ctx.call({ operation: "searchPassages", resource: "agent", resourceId: agent }, () =>
        client.agents.passages.search(agent, { query: queryValue, ...valid }),
      );
      return found.results.map((result) => {
        const passage: PassageSearchResult = { id: result.id, text: result.content, created_at: result.timestamp };
        if (result.tags?.length) passage.tags = result.tags;
        return passage;
      });
    },

    deletePassage: async (agentId, passageId) => {
      const agent = parseLettaArgument(agentId, "agentId", ARCHIVE);
      const passage = parseLettaArgument(passageId, "passageId", ARCHIVE);
      await ctx.call({ operation: "deletePassage", resource: "passage", resourceId: passage, agentId: agent }, () =>
        client.agents.passages.delete(passage, { agent_id: agent }),
      );
    },
  };
}
