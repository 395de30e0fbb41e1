import type { ApprovalRequest } from "@openharness/types";
import { InvalidRequestError } from "@openharness/types/errors";
import { describe, expect, it } from "vitest";
import { approvalDecisions } from "./approval-decisions";

const request: ApprovalRequest = {
  id: "req-1",
  tool_calls: [
    { id: "c1", name: "send_email", input: {} },
    { id: "c2", name: "delete_file", input: {} },
  ],
};

describe("approvalDecisions", () => {
  it("applies a whole-request answer to every call", () => {
    expect(approvalDecisions(request, { approve: true })).toEqual([
      { tool_call_id: "c1", approve: true },
      { tool_call_id: "c2", approve: true },
    ]);
    expect(approvalDecisions(request, { approve: false, reason: "not today" })).toEqual([
      { tool_call_id: "c1", approve: false, reason: "not today" },
      { tool_call_id: "c2", approve: false, reason: "not today" },
    ]);
    // No reason given: none invented (not even an undefined key a serialiser would see).
    expect(approvalDecisions(request, { approve: false })).toStrictEqual([
      { tool_call_id: "c1", approve: false },
      { tool_call_id: "c2", approve: false },
    ]);
  });

  it("keeps per-call decisions that decide each call once", () => {
    const decisions = [
      { tool_call_id: "c2", approve: false as const },
      { tool_call_id: "c1", approve: true as const },
    ];
    expect(approvalDecisions(request, { decisions })).toBe(decisions);
  });

  it("names a missing, unknown or repeated call", () => {
    let error: unknown;
    try {
      approvalDecisions(
        request,
        {
          decisions: [
            { tool_call_id: "c1", approve: true },
            { tool_call_id: "c1", approve: true },
            { tool_call_id: "c9", approve: true },
          ],
        },
        "Echo",
      );
    } catch (thrown) {
      error = thrown;
    }
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).issues).toEqual([
      { path: "decisions[1].tool_call_id", message: '"c1" is not an undecided tool call of approval request "req-1"' },
      { path: "decisions[2].tool_call_id", message: '"c9" is not an undecided tool call of approval request "req-1"' },
      { path: "decisions", message: 'no decision for tool call "c2"' },
    ]);
    expect(error).toMatchObject({ harness: "Echo", domain: "execution", operation: "approvals" });
    expect((error as Error).message).toMatch(/^Invalid approval decisions: /);
  });
});
