import type { FaultMatch, LettaFault } from "./letta-fault.js";

/** Faults that shape a streaming response; the rest answer before the route handler runs. */
const STREAM_FAULTS = new Set<LettaFault["type"]>([
  "stream-cut",
  "stream-reset",
  "terminal-pings",
  "ping-only",
  "stall",
  "hold-open",
  "malformed-frame",
  "unknown-message-type",
  "stream-error",
]);

const CREATE_AGENT: FaultMatch = { method: "POST", path: /^\/v1\/agents\/?$/ };

function matchesFault(fault: LettaFault, method: string, path: string): boolean {
  // Cloud's router quirk concerns the create-agent paths only.
  const match = fault.match ?? (fault.type === "cloud-router" ? CREATE_AGENT : undefined);
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === "string" ? match.path === path : match.path.test(path);
}

/** The injected faults waiting for matching requests, each with how many requests it still applies to. */
export class FaultQueue {
  readonly #faults: Array<LettaFault & { remaining: number }> = [];

  /** Queues `fault` for its next `times` (default 1) matching requests. */
  add(fault: LettaFault): void {
    const times = fault.times ?? 1;
    if (times > 0) this.#faults.push({ ...fault, remaining: times });
  }

  /** Consumes one application of the first fault matching the request, if any. */
  take(method: string, path: string, streaming: boolean): LettaFault | null {
    const index = this.#faults.findIndex(
      (f) => STREAM_FAULTS.has(f.type) === streaming && matchesFault(f, method, path),
    );
    const fault = this.#faults[index];
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    const { remaining: _remaining, ...plain } = fault;
    return plain as LettaFault;
  }

  /** The waiting faults; `times` is what is left of each. */
  list(): LettaFault[] {
    return this.#faults.map(({ remaining, ...fault }) => ({ ...fault, times: remaining }) as LettaFault);
  }

  clear(): void {
    this.#faults.length = 0;
  }
}
