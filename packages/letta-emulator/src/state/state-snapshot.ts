import { BASE_TOOLS } from "../agent/base-tools.js";
import { parsePythonTool } from "../agent/python-tool-parser.js";
import { cloneJson, isRecord } from "../support/json.js";
import type { LettaEmulatorState } from "./emulator-state.js";
import type { EmulatorEnv } from "./emulator-store.js";
import { makeTool } from "./letta-defaults.js";

/** An empty state with Letta's base tools seeded. */
export function createInitialState(env: EmulatorEnv): LettaEmulatorState {
  const state: LettaEmulatorState = {
    version: 1,
    agents: {},
    blocks: {},
    tools: {},
    passages: {},
    messages: {},
    runs: {},
    approvals: {},
    conversations: {},
  };
  seedBaseTools(state, env);
  return state;
}

/** Adds any base tool missing from `state` (by name). */
export function seedBaseTools(state: LettaEmulatorState, env: EmulatorEnv): void {
  const existing = new Set(Object.values(state.tools).map((t) => t.name));
  for (const def of BASE_TOOLS) {
    if (existing.has(def.name)) continue;
    const parsed = parsePythonTool(def.source_code);
    const tool = makeTool(env, {
      name: def.name,
      tool_type: def.tool_type,
      description: parsed.description,
      source_code: def.source_code,
      json_schema: parsed.json_schema as unknown as Record<string, unknown>,
      tags: [def.tool_type],
    });
    state.tools[tool.id] = tool;
  }
}

/** A copy of a state given to `importState` or the `state` option, checked to be one the emulator can load. */
export function importableState(state: LettaEmulatorState, env: EmulatorEnv): LettaEmulatorState {
  if (!isRecord(state) || state.version !== 1) throw new Error("Unsupported Letta emulator state (expected version 1)");
  const copy = cloneJson(state);
  seedBaseTools(copy, env);
  return copy;
}
