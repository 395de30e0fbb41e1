import type { ApprovalRequestEvent, ExecutionEvent } from "@openharness/types";
import { assertStreamInvariants } from "./assert-stream-invariants";
import { collectEvents } from "./collect-events";
import {
  type ConformanceCase,
  type ConformanceCaseOptions,
  type ConformanceEnv,
  check,
  requireSupport,
  withFreshAgent,
} from "./conformance-support";

type Done = Extract<ExecutionEvent, { type: "done" }>;

const approvalIn = (events: ExecutionEvent[]) =>
  events.find((event): event is ApprovalRequestEvent => event.type === "approval_request");
const resultsIn = (events: ExecutionEvent[]) =>
  events.flatMap((event) => (event.type === "tool_result" ? [event] : []));

/** Streams the approval prompt and returns its events, requiring the turn to wait for approval. */
async function waitingTurn(
  env: ConformanceEnv,
  agentId: string,
  prompt: string,
): Promise<{ events: ExecutionEvent[]; pending: ApprovalRequestEvent }> {
  const events = await collectEvents(env.adapter.executeStream({ message: prompt, agent_id: agentId }));
  assertStreamInvariants(events);
  const pending = approvalIn(events);
  const done = events.at(-1) as Done;
  check(
    pending !== undefined,
    `the approval prompt: expected an approval_request event, got ${JSON.stringify(events.map((event) => event.type))}`,
  );
  check(
    done.stop_reason === "requires_approval",
    `the approval prompt without onApproval: expected stop_reason "requires_approval", got "${done.stop_reason}"`,
  );
  return { events, pending: pending as ApprovalRequestEvent };
}

/** An adapter that declares approvals must wait for them, and honour both ways of answering. */
export function approvalCases(options: ConformanceCaseOptions): ConformanceCase[] {
  const needPrompt = (env: ConformanceEnv): string =>
    options.prompts?.approval ??
    env.skip("needs prompts.approval, a prompt that makes the agent call a tool needing approval");
  /** A turn that waits, answered with `respondToApproval` (all approved or all denied), then `inspect`ed. */
  const answered = (
    env: ConformanceEnv,
    approve: boolean,
    inspect: (pending: ApprovalRequestEvent, continuation: ExecutionEvent[]) => void,
  ) => {
    requireSupport(env, "execution.approvals", "execution.stream");
    const prompt = needPrompt(env);
    return withFreshAgent(env, options, async (agentId) => {
      const { pending } = await waitingTurn(env, agentId, prompt);
      const decisions = pending.tool_calls.map((call) =>
        approve
          ? { tool_call_id: call.id, approve }
          : { tool_call_id: call.id, approve, reason: "the conformance suite says no" },
      );
      const continuation = await collectEvents(
        env.adapter.respondToApproval({ agent_id: agentId, approval_request_id: pending.id, decisions }),
      );
      assertStreamInvariants(continuation);
      inspect(pending, continuation);
    });
  };
  return [
    {
      group: "approvals",
      name: "a turn waits for approval, and respondToApproval runs the approved calls",
      run: (env) =>
        answered(env, true, (pending, continuation) => {
          const ran = resultsIn(continuation).map((result) => result.id);
          const approved = pending.tool_calls.map((call) => call.id);
          check(
            approved.every((id) => ran.includes(id)),
            `respondToApproval(approve all): expected results for ${JSON.stringify(approved)}, got ${JSON.stringify(ran)}`,
          );
          const done = continuation.at(-1) as Done;
          check(
            done.stop_reason !== "requires_approval" && done.stop_reason !== "error",
            `respondToApproval(approve all): expected the turn to finish, got stop_reason "${done.stop_reason}"`,
          );
        }),
    },
    {
      group: "approvals",
      name: "a denied call does not run",
      run: (env) =>
        answered(env, false, (pending, continuation) => {
          const succeeded = resultsIn(continuation)
            .filter((result) => result.success)
            .map((result) => result.id);
          const denied = pending.tool_calls.map((call) => call.id).filter((id) => succeeded.includes(id));
          check(
            denied.length === 0,
            `respondToApproval(deny all): expected no successful result for a denied call, got ${JSON.stringify(denied)}`,
          );
        }),
    },
    {
      group: "approvals",
      name: "onApproval answers in the stream: one turn, one done",
      run: async (env) => {
        requireSupport(env, "execution.approvals", "execution.stream");
        const prompt = needPrompt(env);
        await withFreshAgent(env, options, async (agentId) => {
          const asked: string[] = [];
          const events = await collectEvents(
            env.adapter.executeStream(
              { message: prompt, agent_id: agentId },
              {
                onApproval: (pending) => {
                  asked.push(pending.id);
                  return { approve: true };
                },
              },
            ),
          );
          assertStreamInvariants(events);
          const pending = approvalIn(events);
          check(
            pending !== undefined && asked.includes(pending.id),
            `onApproval: expected an approval_request passed to onApproval, got events ${JSON.stringify(events.map((event) => event.type))} and calls ${JSON.stringify(asked)}`,
          );
          const ran = resultsIn(events).map((result) => result.id);
          const approved = (pending?.tool_calls ?? []).map((call) => call.id);
          check(
            approved.every((id) => ran.includes(id)),
            `onApproval(approve): expected results for ${JSON.stringify(approved)} in the same stream, got ${JSON.stringify(ran)}`,
          );
          const done = events.at(-1) as Done;
          check(
            done.stop_reason !== "requires_approval",
            `onApproval(approve): expected the turn to go on, got stop_reason "requires_approval"`,
          );
        });
      },
    },
  ];
}
