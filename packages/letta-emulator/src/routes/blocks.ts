import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import { DEFAULT_BLOCK_LIMIT, assertWithinLimit, makeBlock } from "../state/letta-defaults.js";
import { isRecord } from "../support/json.js";
import { ordered, paginate } from "./paginate.js";
import {
  type EmulatorCore,
  includeSet,
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

/** Applies a `BlockUpdate` body, enforcing the character limit like Letta's block validator. */
export function applyBlockUpdate(block: BlockResponse, body: Record<string, unknown>): void {
  const value = typeof body.value === "string" ? body.value : block.value;
  const limit = typeof body.limit === "number" ? body.limit : (block.limit ?? DEFAULT_BLOCK_LIMIT);
  assertWithinLimit(value, limit);
  block.value = value;
  block.limit = limit;
  if (typeof body.label === "string") block.label = body.label;
  if ("description" in body) block.description = typeof body.description === "string" ? body.description : null;
  if (typeof body.read_only === "boolean") block.read_only = body.read_only;
  if ("metadata" in body) block.metadata = isRecord(body.metadata) ? body.metadata : {};
  if ("tags" in body) block.tags = Array.isArray(body.tags) ? body.tags.map(String) : null;
  if (typeof body.hidden === "boolean") block.hidden = body.hidden;
}

function listBlocks(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const q = input.query;
  const label = q.get("label");
  const labelSearch = q.get("label_search")?.toLowerCase();
  const valueSearch = q.get("value_search")?.toLowerCase();
  const descriptionSearch = q.get("description_search")?.toLowerCase();
  const tags = q.getAll("tags");
  const matchAll = queryBool(q, "match_all_tags", false);
  const templatesOnly = queryBool(q, "templates_only", false);
  const countGt = queryInt(q, "connected_to_agents_count_gt", null);
  const countLt = queryInt(q, "connected_to_agents_count_lt", null);
  const countEq = q.getAll("connected_to_agents_count_eq").map(Number);
  let blocks = Object.values(store.state.blocks).filter((b) => {
    if (label !== null && b.label !== label) return false;
    if (labelSearch && !(b.label ?? "").toLowerCase().includes(labelSearch)) return false;
    if (valueSearch && !b.value.toLowerCase().includes(valueSearch)) return false;
    if (descriptionSearch && !(b.description ?? "").toLowerCase().includes(descriptionSearch)) return false;
    if (templatesOnly !== (b.is_template === true)) return false;
    if (tags.length > 0) {
      const own = b.tags ?? [];
      if (!(matchAll ? tags.every((t) => own.includes(t)) : tags.some((t) => own.includes(t)))) return false;
    }
    const count = store.agentsUsingBlock(b.id).length;
    if (countGt !== null && !(count > countGt)) return false;
    if (countLt !== null && !(count < countLt)) return false;
    if (countEq.length > 0 && !countEq.includes(count)) return false;
    return true;
  });
  blocks = ordered(blocks, q, "asc");
  return ok(paginate(blocks, (b) => b.id, q, 50));
}

/** The fields of a block as Letta's `CreateBlock` body gives them, with Letta's defaults. */
export function blockFields(raw: Record<string, unknown>) {
  return {
    label: String(raw.label),
    value: String(raw.value),
    limit: typeof raw.limit === "number" ? raw.limit : DEFAULT_BLOCK_LIMIT,
    description: typeof raw.description === "string" ? raw.description : null,
    read_only: raw.read_only === true,
    metadata: isRecord(raw.metadata) ? raw.metadata : {},
    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : null,
  };
}

function createBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const body = objectBody(input);
  requireFields(body, ["label", "value"]);
  const block = makeBlock(core.store.env, {
    ...blockFields(body),
    is_template: body.is_template === true,
    hidden: typeof body.hidden === "boolean" ? body.hidden : null,
  });
  core.store.state.blocks[block.id] = block;
  return ok(block);
}

function deleteBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const block = store.block(pathId(input, "block_id"));
  for (const agent of store.agentsUsingBlock(block.id))
    agent.block_ids = agent.block_ids.filter((id) => id !== block.id);
  delete store.state.blocks[block.id];
  return ok(null);
}

function blockAgents(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const block = store.block(pathId(input, "block_id"));
  const include = includeSet(input);
  const agents = ordered(store.agentsUsingBlock(block.id), input.query, "desc");
  return ok(paginate(agents, (a) => a.id, input.query, 50).map((a) => store.agentState(a, include)));
}

/** `/v1/blocks/`: standalone (shareable) memory blocks. */
export const blockRoutes: readonly RouteDefinition[] = [
  route("GET", "/v1/blocks/", listBlocks),
  route("POST", "/v1/blocks/", createBlock),
  route("GET", "/v1/blocks/{block_id}", (core, input) => ok(core.store.block(pathId(input, "block_id")))),
  route("PATCH", "/v1/blocks/{block_id}", (core, input) => {
    const block = core.store.block(pathId(input, "block_id"));
    applyBlockUpdate(block, objectBody(input));
    return ok(block);
  }),
  route("DELETE", "/v1/blocks/{block_id}", deleteBlock),
  route("GET", "/v1/blocks/{block_id}/agents", blockAgents),
];
