import { insertPassage, relevance, searchPassages } from "../state/archival-memory.js";
import { notFound, unprocessable } from "../wire/http-error.js";
import { paginate } from "./paginate.js";
import {
  type EmulatorCore,
  objectBody,
  ok,
  pathId,
  queryBool,
  queryInt,
  type RouteInput,
  type RouteResult,
  requireFields,
} from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

function createPassage(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const body = objectBody(input);
  requireFields(body, ["text"]);
  const passage = insertPassage(
    core.store,
    agent,
    String(body.text),
    Array.isArray(body.tags) ? body.tags.map(String) : null,
    typeof body.created_at === "string" ? body.created_at : null,
  );
  return ok([passage]);
}

function listPassages(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const q = input.query;
  const search = q.get("search");
  let passages = core.store.state.passages[agent.id] ?? [];
  if (search)
    passages = passages.filter(
      (p) => relevance(search, p.text) > 0 || p.text.toLowerCase().includes(search.toLowerCase()),
    );
  passages = queryBool(q, "ascending", true) ? [...passages] : [...passages].reverse();
  return ok(paginate(passages, (p) => p.id, q, 100));
}

function searchArchival(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const q = input.query;
  const query = q.get("query");
  if (query === null) throw unprocessable("query.query: Field required");
  const mode = q.get("tag_match_mode") ?? "any";
  if (mode !== "any" && mode !== "all") throw unprocessable("query.tag_match_mode: Input should be 'any' or 'all'");
  const results = searchPassages(core.store, agent, {
    query,
    tags: q.getAll("tags"),
    tagMatchMode: mode,
    topK: queryInt(q, "top_k", 10) ?? 10,
    start: q.get("start_datetime"),
    end: q.get("end_datetime"),
  });
  return ok({ results, count: results.length });
}

function deletePassage(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const memoryId = input.params.memory_id ?? "";
  const list = core.store.state.passages[agent.id] ?? [];
  const index = list.findIndex((p) => p.id === memoryId);
  if (index < 0) throw notFound(`Passage with id '${memoryId}' not found`);
  list.splice(index, 1);
  return ok({ message: `Memory id=${memoryId} successfully deleted` });
}

/** `/v1/agents/{agent_id}/archival-memory`: an agent's passages: insert, list, search, delete. */
export const archivalMemoryRoutes: readonly RouteDefinition[] = [
  route("POST", "/v1/agents/{agent_id}/archival-memory", createPassage),
  route("GET", "/v1/agents/{agent_id}/archival-memory", listPassages),
  route("GET", "/v1/agents/{agent_id}/archival-memory/search", searchArchival),
  route("DELETE", "/v1/agents/{agent_id}/archival-memory/{memory_id}", deletePassage),
];
