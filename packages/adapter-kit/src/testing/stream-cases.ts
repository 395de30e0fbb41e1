import {
  type CreateAgentRequest,
  type ExecuteRequest,
  type ExecutionEvent,
  ExecutionResultSchema,
} from "@openharness/types";
import { CancelledError, InvalidRequestError } from "@openharness/types/errors";
import { assertStreamInvariants } from "./assert-stream-invariants";
import { collectEvents } from "./collect-events";
import {
  type ConformanceCaseOptions,
  type ConformanceCase,
  type ConformanceContext,
  check,
  DEFAULT_SIMPLE_PROMPT,
  expectFailure,
  failedWith,
  needAgent,
  parsed,
  request,
  requireSupport,
  settle,
  statusOf,
  textOf,
} from "./conformance-support";

type Done = Extract<ExecutionEvent, { type: "done" }>;

/** Input validation, the stream contract, thinking, `execute()` and cancellation. */
export function streamCases(options: ConformanceCaseOptions): ConformanceCase[] {
  const simple = options.prompts?.simple ?? DEFAULT_SIMPLE_PROMPT;
  const toolUse = options.prompts?.toolUse;
  const cases: ConformanceCase[] = [];

  const invalidExecuteRequests: [string, (context: ConformanceContext) => unknown][] = [
    ["{}", () => ({})],
    ['{ message: "" }', (context) => ({ ...request(context, "x"), message: "" })],
    ["an unknown key (agentId)", (context) => ({ ...request(context, "hi"), agentId: "x" })],
  ];
  for (const [label, build] of invalidExecuteRequests) {
    cases.push(
      {
        group: "input validation",
        name: `execute(${label}) rejects with InvalidRequestError`,
        run: async (env) => {
          requireSupport(env, "execution.sync");
          await expectFailure(
            () => env.adapter.execute(build(env.context) as ExecuteRequest),
            InvalidRequestError.isInstance,
            `execute(${label})`,
            "InvalidRequestError",
          );
        },
      },
      {
        group: "input validation",
        name: `executeStream(${label}) rejects with InvalidRequestError`,
        run: async (env) => {
          requireSupport(env, "execution.stream");
          const invalid = build(env.context) as ExecuteRequest;
          await expectFailure(
            () => collectEvents(env.adapter.executeStream(invalid)),
            InvalidRequestError.isInstance,
            `executeStream(${label})`,
            "InvalidRequestError (thrown, not an error event)",
          );
        },
      },
    );
  }
  cases.push(
    {
      group: "input validation",
      name: "createAgent({ memory_blocks: [{ label: 1 }] }) rejects with InvalidRequestError",
      run: async (env) => {
        requireSupport(env, "agents.create");
        const invalid = { memory_blocks: [{ label: 1 }] } as unknown as CreateAgentRequest;
        const outcome = await settle(() => env.adapter.createAgent(invalid));
        // An adapter that wrongly accepted it created an agent: remove it before failing.
        if (outcome.ok && typeof outcome.value === "string" && statusOf(env.adapter, "agents.delete") !== "unsupported")
          await settle(() => env.adapter.deleteAgent(outcome.value as string));
        failedWith(
          outcome,
          InvalidRequestError.isInstance,
          "createAgent() with a numeric block label",
          "InvalidRequestError",
        );
      },
    },
    {
      group: "input validation",
      name: 'memory.addBlock(agentId, { label: "not a label!" }) rejects with InvalidRequestError',
      run: async (env) => {
        requireSupport(env, "memory.blocks");
        const agentId = needAgent(env);
        const outcome = await settle(() => env.adapter.memory.addBlock(agentId, { label: "not a label!", value: "x" }));
        if (outcome.ok) await settle(() => env.adapter.memory.deleteBlock(agentId, "not a label!"));
        failedWith(
          outcome,
          InvalidRequestError.isInstance,
          "memory.addBlock() with an invalid label",
          "InvalidRequestError",
        );
      },
    },
  );

  const streamCase = (label: string, prompt: string, expectTool: boolean): ConformanceCase => ({
    group: "streaming",
    name: `the stream for the ${label} prompt keeps the stream contract`,
    run: async (env) => {
      requireSupport(env, "execution.stream");
      const events = await collectEvents(env.adapter.executeStream(request(env.context, prompt)));
      // Includes: every tool_call_end carries the call's complete arguments.
      assertStreamInvariants(events);
      const error = events.find((event) => event.type === "error");
      check(!error, `the ${label} prompt: expected no error event, got ${JSON.stringify(error)}`);
      const done = events.at(-1) as Done;
      check(
        done.stop_reason !== "cancelled",
        `the ${label} prompt: expected a finished turn, got stop_reason "cancelled"`,
      );
      if (expectTool)
        check(
          events.some((event) => event.type === "tool_call_start"),
          `the ${label} prompt: expected a tool call, got none`,
        );
      else check(textOf(events).trim() !== "", `the ${label} prompt: expected text, got none`);
    },
  });
  cases.push(streamCase("simple", simple, false));
  if (toolUse) cases.push(streamCase("toolUse", toolUse, true));

  cases.push(
    {
      group: "streaming",
      name: "declared thinking is streamed",
      run: async (env) => {
        requireSupport(env, "execution.stream", "execution.thinking");
        const events = await collectEvents(env.adapter.executeStream(request(env.context, simple)));
        const types = events.map((event) => event.type);
        check(
          types.includes("thinking"),
          `execution.thinking is reported ${statusOf(env.adapter, "execution.thinking")}: expected a thinking event for the simple prompt, got ${JSON.stringify(types)}`,
        );
      },
    },
    {
      group: "streaming",
      name: "includeThinking: false leaves out thinking events",
      run: async (env) => {
        requireSupport(env, "execution.stream");
        const events = await collectEvents(
          env.adapter.executeStream(request(env.context, simple), { includeThinking: false }),
        );
        assertStreamInvariants(events);
        check(
          !events.some((event) => event.type === "thinking"),
          "includeThinking: false: expected no thinking event, got one",
        );
      },
    },
    {
      group: "execute",
      name: "execute() returns a valid, successful result",
      run: async (env) => {
        requireSupport(env, "execution.sync");
        const result = parsed(
          ExecutionResultSchema,
          await env.adapter.execute(request(env.context, simple)),
          "execute()",
        );
        check(result.output.trim() !== "", "execute(): expected output for the simple prompt, got an empty string");
        check(
          result.stop_reason !== "error" && result.stop_reason !== "cancelled",
          `execute(): expected a finished turn, got stop_reason "${result.stop_reason}"`,
        );
      },
    },
  );

  if (options.deterministic) {
    cases.push({
      group: "execute",
      name: "execute() gives the same output and tool calls as the stream",
      run: async (env) => {
        requireSupport(env, "execution.sync", "execution.stream");
        for (const prompt of [simple, ...(toolUse ? [toolUse] : [])]) {
          const result = await env.adapter.execute(request(env.context, prompt));
          const events = await collectEvents(env.adapter.executeStream(request(env.context, prompt)));
          check(
            result.output === textOf(events),
            `execute().output: expected the stream's text ${JSON.stringify(textOf(events))}, got ${JSON.stringify(result.output)}`,
          );
          const streamed = events.flatMap((event) => (event.type === "tool_call_end" ? [event.input] : []));
          const executed = result.tool_calls.map((call) => call.input);
          check(
            JSON.stringify(executed) === JSON.stringify(streamed),
            `execute() tool calls: expected the stream's arguments ${JSON.stringify(streamed)}, got ${JSON.stringify(executed)}`,
          );
        }
      },
    });
  }

  cases.push(
    {
      group: "abort",
      name: 'an already-aborted signal ends the stream with done{stop_reason: "cancelled"}',
      run: async (env) => {
        requireSupport(env, "execution.stream");
        const events = await collectEvents(
          env.adapter.executeStream(request(env.context, simple), { signal: AbortSignal.abort() }),
        );
        assertStreamInvariants(events);
        const done = events.at(-1) as Done;
        check(
          done.stop_reason === "cancelled",
          `an aborted stream: expected stop_reason "cancelled", got "${done.stop_reason}"`,
        );
      },
    },
    {
      group: "abort",
      name: 'aborting mid-stream ends the stream with done{stop_reason: "cancelled"}',
      run: async (env) => {
        requireSupport(env, "execution.stream");
        const controller = new AbortController();
        const events: ExecutionEvent[] = [];
        for await (const event of env.adapter.executeStream(request(env.context, simple), {
          signal: controller.signal,
        })) {
          events.push(event);
          // Abort once the turn is under way: after its first event.
          if (events.length === 1) controller.abort();
          check(
            events.length <= 10_000,
            "aborting mid-stream: expected the stream to end, got more than 10 000 events",
          );
        }
        assertStreamInvariants(events);
        const done = events.at(-1) as Done;
        // Only a turn whose first event was already its `done` had nothing left to cancel.
        if (events[0]?.type !== "done") {
          check(
            done.stop_reason === "cancelled",
            `aborting after the first event: expected stop_reason "cancelled", got "${done.stop_reason}" after ${events.length} events`,
          );
        }
      },
    },
    {
      group: "abort",
      name: "an already-aborted signal makes execute() reject with CancelledError",
      run: async (env) => {
        requireSupport(env, "execution.sync");
        await expectFailure(
          () => env.adapter.execute(request(env.context, simple), { signal: AbortSignal.abort() }),
          CancelledError.isInstance,
          "execute() with an aborted signal",
          "CancelledError",
        );
      },
    },
  );
  return cases;
}
