import type { EmulatedRun } from "../state/emulator-state.js";
import { notFound } from "../wire/http-error.js";
import { ordered, paginate } from "./paginate.js";
import { type EmulatorCore, ok, queryBool, type RouteInput, type RouteResult } from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

/** The wire `Run` (the emulator-only `request` record stripped). */
export function wireRun(run: EmulatedRun) {
  const { request: _request, ...wire } = run;
  return wire;
}

function listRuns(core: EmulatorCore, input: RouteInput): RouteResult {
  const q = input.query;
  const agentIds = [...q.getAll("agent_id"), ...q.getAll("agent_ids")];
  const statuses = q.getAll("statuses");
  const active = queryBool(q, "active", false);
  const background = q.has("background") ? queryBool(q, "background", false) : null;
  const stopReason = q.get("stop_reason");
  let runs = Object.values(core.store.state.runs).filter((r) => {
    if (agentIds.length > 0 && !agentIds.includes(r.agent_id)) return false;
    if (statuses.length > 0 && !statuses.includes(r.status ?? "")) return false;
    if (active && r.status !== "created" && r.status !== "running") return false;
    if (background !== null && (r.background ?? false) !== background) return false;
    if (stopReason && r.stop_reason !== stopReason) return false;
    return true;
  });
  runs = ordered(runs, q, queryBool(q, "ascending", false) && !q.has("order") ? "asc" : "desc");
  return ok(paginate(runs, (r) => r.id, q, 100).map(wireRun));
}

function getRun(core: EmulatorCore, input: RouteInput): RouteResult {
  const runId = input.params.run_id ?? "";
  const run = core.store.state.runs[runId];
  if (!run) throw notFound(`Run with id '${runId}' not found`);
  return ok(wireRun(run));
}

/** `/v1/runs/`: list and get runs. */
export const runRoutes: readonly RouteDefinition[] = [
  route("GET", "/v1/runs/", listRuns),
  route("GET", "/v1/runs/{run_id}", getRun),
];
