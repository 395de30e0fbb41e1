import { conflict, notFound } from "../wire/http-error.js";
import { applyBlockUpdate } from "./blocks.js";
import { ordered, paginate } from "./paginate.js";
import { type EmulatorCore, objectBody, ok, pathId, type RouteInput, type RouteResult } from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

function agentBlockByLabel(core: EmulatorCore, input: RouteInput) {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const label = input.params.block_label ?? "";
  const block = core.store.blockByLabel(agent, label);
  if (!block) throw notFound(`No block with label '${label}' found for agent '${agent.id}'`);
  return { agent, block };
}

function attachBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const block = store.block(pathId(input, "block_id"));
  if (!agent.block_ids.includes(block.id)) {
    if (store.blockByLabel(agent, block.label ?? "")) {
      throw conflict(`CONFLICT: Agent '${agent.id}' already has a block with label '${block.label}'`);
    }
    agent.block_ids.push(block.id);
    agent.updated_at = store.timestamp();
  }
  return ok(store.agentState(agent, "all"));
}

function detachBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const blockId = pathId(input, "block_id");
  if (!agent.block_ids.includes(blockId))
    throw notFound(`No block with id '${blockId}' is attached to agent '${agent.id}'`);
  agent.block_ids = agent.block_ids.filter((id) => id !== blockId);
  agent.updated_at = store.timestamp();
  return ok(store.agentState(agent, "all"));
}

/** `/v1/agents/{agent_id}/core-memory/blocks`: an agent's core-memory blocks, by label, attach and detach. */
export const coreMemoryRoutes: readonly RouteDefinition[] = [
  route("GET", "/v1/agents/{agent_id}/core-memory/blocks", (core, input) => {
    const agent = core.store.agent(pathId(input, "agent_id"));
    return ok(paginate(ordered(core.store.blocksOf(agent), input.query, "desc"), (b) => b.id, input.query, 100));
  }),
  route("GET", "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", (core, input) =>
    ok(agentBlockByLabel(core, input).block),
  ),
  route("PATCH", "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", (core, input) => {
    const { agent, block } = agentBlockByLabel(core, input);
    applyBlockUpdate(block, objectBody(input));
    agent.updated_at = core.store.timestamp();
    return ok(block);
  }),
  route("PATCH", "/v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}", attachBlock),
  route("PATCH", "/v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}", detachBlock),
];
