import type { LettaAdapter } from "@openharness/letta";

// The app depends on @openharness/letta alone, so it names the OpenHarness types through the
// adapter's signatures instead of importing @openharness/types.

/** An OpenHarness stream event (`text`, `thinking`, `tool_call_start`, ..., `done`). */
export type ExecutionEvent = ReturnType<LettaAdapter["executeStream"]> extends AsyncIterable<infer E> ? E : never;

/** The last event of every turn: usage and stop reason. */
export type DoneEvent = Extract<ExecutionEvent, { type: "done" }>;

/** An agent, with its memory blocks when read with `getAgent`. */
export type Agent = Awaited<ReturnType<LettaAdapter["getAgent"]>>;

/** A core-memory block (`human`, `persona`, ...). */
export type MemoryBlock = Awaited<ReturnType<LettaAdapter["memory"]["getBlocks"]>>[number];
