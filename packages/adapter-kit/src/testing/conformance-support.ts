import {
  type CapabilityStatus,
  type CreateAgentRequest,
  type ExecuteRequest,
  type ExecutionEvent,
  formatIssues,
  validate,
} from "@openharness/types";
import { OpenHarnessError } from "@openharness/types/errors";
import type * as z from "zod";
import type { OperationKey } from "../adapter-operations";
import type { HarnessAdapter, RegisterToolRequest } from "../harness-adapter";
import { ConformanceSkip } from "./conformance-skip";

/** What `setup` hands to the checks: the agent to run against. */
export interface ConformanceContext {
  /** An existing agent; checks that need one (execute, memory, sessions) are skipped without it. */
  agentId?: string;
}

/** How to run the conformance suite against an adapter. */
export interface AdapterConformanceOptions<A extends HarnessAdapter = HarnessAdapter> {
  /** Shown in the suite's title. */
  name: string;
  /** Builds the adapter under test (once per suite). */
  createAdapter: () => A | Promise<A>;
  /** Prepares what the checks run against, typically an agent: `({ agentId })`. */
  setup?: (adapter: A) => ConformanceContext | undefined | Promise<ConformanceContext | undefined>;
  /** Undoes `setup` (delete the agent). Runs even when checks failed. */
  teardown?: (adapter: A, context: ConformanceContext) => void | Promise<void>;
  /**
   * `simple` should make the agent answer with text (and think, when it declares thinking);
   * `toolUse`, when given, must make it call a tool; `approval`, when given, must make it call a
   * tool that needs approval (the approval checks run only with it).
   */
  prompts?: { simple?: string; toolUse?: string; approval?: string };
  /** Set when the same prompt always gives the same answer; enables the execute-equals-stream check. */
  deterministic?: boolean;
  /** The agent the lifecycle check creates and deletes (default: a uniquely named agent). */
  agentConfig?: CreateAgentRequest;
  /** A tool this harness can register, to probe `tools.register` and `tools.unregister` (skipped without it). */
  toolRegistration?: RegisterToolRequest;
  /** Per-check timeout in milliseconds (default 30 000). */
  timeout?: number;
}

/** The options the checks themselves read. */
export type ConformanceCaseOptions = Pick<
  AdapterConformanceOptions,
  "prompts" | "deterministic" | "agentConfig" | "toolRegistration"
>;

/** What a check runs with. `skip` ends the check as not applicable, with the reason. */
export interface ConformanceEnv {
  adapter: HarnessAdapter;
  context: ConformanceContext;
  skip: (reason: string) => never;
  /**
   * Operations whose claim failed its honesty check in this run. Checks that rely on one are
   * skipped, so one false claim is one failure rather than one per check that uses it.
   */
  failedClaims: Set<OperationKey>;
}

/** One check of the suite. */
export interface ConformanceCase {
  group: string;
  name: string;
  run: (env: ConformanceEnv) => Promise<void>;
}

/** An id that names nothing real, for calls that must fail. */
export const MISSING = "oh-conformance-missing";
export const DEFAULT_SIMPLE_PROMPT = "Say hello in one short sentence.";

/** Throws `message` unless `condition` holds. */
export const check = (condition: unknown, message: string): void => {
  if (!condition) throw new Error(message);
};

export const describeError = (error: unknown): string =>
  error instanceof Error || OpenHarnessError.isInstance(error)
    ? `${(error as Error).name}: ${(error as Error).message}`
    : String(error);

/** `value` parsed with `schema`, or an error naming what did not match. */
export function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = validate(schema, value);
  if (!result.success) throw new Error(`${what} does not match its schema: ${formatIssues(result.issues)}`);
  return result.data;
}

/** Each element of `values` parsed with `schema`. */
export function parsedEach<S extends z.ZodType>(schema: S, values: unknown, what: string): z.output<S>[] {
  check(Array.isArray(values), `${what} must resolve to an array, got ${typeof values}`);
  return (values as unknown[]).map((value, index) => parsed(schema, value, `${what}[${index}]`));
}

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `run`, reporting its outcome instead of throwing. */
export async function settle<T>(run: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Requires `outcome` to be a failure with an error `is` accepts; returns the error. */
export function failedWith(outcome: Outcome, is: (error: unknown) => boolean, what: string, expected: string): unknown {
  if (outcome.ok) throw new Error(`${what}: expected ${expected}, but it succeeded.`);
  if (!is(outcome.error)) throw new Error(`${what}: expected ${expected}, got ${describeError(outcome.error)}.`);
  return outcome.error;
}

/** Runs `run` (a call, or reading a stream) and requires it to fail with an error `is` accepts. */
export async function expectFailure(
  run: () => unknown,
  is: (error: unknown) => boolean,
  what: string,
  expected: string,
): Promise<unknown> {
  return failedWith(await settle(run), is, what, expected);
}

export const random = () => Math.random().toString(36).slice(2, 10);

/** A turn for the context's agent. */
export const request = (context: ConformanceContext, message: string, sessionId?: string): ExecuteRequest => ({
  message,
  ...(context.agentId ? { agent_id: context.agentId } : {}),
  ...(sessionId ? { session_id: sessionId } : {}),
});

export const needAgent = (env: ConformanceEnv): string =>
  env.context.agentId ?? env.skip("needs an agent: return { agentId } from setup");

export const textOf = (events: readonly ExecutionEvent[]) =>
  events.map((event) => (event.type === "text" ? event.content : "")).join("");

/** The reported status of `key`. */
export function statusOf(adapter: HarnessAdapter, key: OperationKey): CapabilityStatus {
  const [domain, operation] = key.split(".") as [string, string];
  return (adapter.capabilities.get as (d: string, o: string) => { status: CapabilityStatus })(domain, operation).status;
}

/** Skips the check unless every operation of `keys` is reported usable and kept its claim. */
export function requireSupport(env: ConformanceEnv, ...keys: OperationKey[]): void {
  for (const key of keys) {
    if (statusOf(env.adapter, key) === "unsupported") env.skip(`${key} is reported unsupported`);
    if (env.failedClaims.has(key)) env.skip(`${key} failed its capability honesty check (reported there)`);
  }
}

/** A check's environment; `failedClaims` is shared by the checks of one run. */
export function conformanceEnv(
  adapter: HarnessAdapter,
  context: ConformanceContext,
  failedClaims: Set<OperationKey>,
): ConformanceEnv {
  return {
    adapter,
    context,
    failedClaims,
    skip: (reason: string): never => {
      throw new ConformanceSkip(reason);
    },
  };
}

/**
 * Runs `use` on a new agent when the adapter can make and delete one (so a turn it leaves
 * waiting, say for an approval, cannot block the other checks), else on the context's agent.
 */
export async function withFreshAgent(
  env: ConformanceEnv,
  options: ConformanceCaseOptions,
  use: (agentId: string) => Promise<void>,
): Promise<void> {
  const usable = (key: OperationKey) => statusOf(env.adapter, key) !== "unsupported" && !env.failedClaims.has(key);
  if (!usable("agents.create") || !usable("agents.delete")) return use(needAgent(env));
  const agentId = await env.adapter.createAgent(options.agentConfig ?? { name: `oh-conformance-${random()}` });
  try {
    await use(agentId);
  } finally {
    await settle(() => env.adapter.deleteAgent(agentId));
  }
}
