import { describe, expect, it } from "vitest";
import type { ControlRequestMessage } from "./app-server-messages";
import { decideToolCall, type LocalClientTool, runClientTool } from "./local-tool-policy";

const ask = (tool_name: string): ControlRequestMessage => ({
  type: "control_request",
  request_id: `perm-${tool_name}`,
  request: { subtype: "can_use_tool", tool_name, tool_call_id: "c1", input: { command: "ls" } },
});
const clock: LocalClientTool = {
  name: "clock",
  description: "time",
  input_schema: { type: "object" },
  execute: () => "noon",
};

describe("decideToolCall", () => {
  const plan = { allowlist: ["memory", "Bash", "clock"], clientTools: new Map([["clock", clock]]) };

  it("allows the memory tool and the caller's own tools", async () => {
    expect(await decideToolCall(ask("memory"), plan)).toEqual({ behavior: "allow" });
    expect(await decideToolCall(ask("clock"), plan)).toEqual({ behavior: "allow" });
  });

  it("never allows a host tool without an approval handler, nor one that is not enabled", async () => {
    expect(await decideToolCall(ask("Bash"), plan)).toMatchObject({
      behavior: "deny",
      message: expect.stringContaining("onApproval"),
    });
    const approveAll = { ...plan, onApproval: () => ({ approve: true as const }) };
    expect(await decideToolCall(ask("Write"), approveAll)).toMatchObject({
      behavior: "deny",
      message: expect.stringContaining("not enabled"),
    });
  });

  it("asks the handler for an enabled host tool and passes its answer on", async () => {
    const asked: unknown[] = [];
    const onApproval = (request: unknown) => {
      asked.push(request);
      return { approve: false as const, reason: "no" };
    };
    const answer = await decideToolCall(ask("Bash"), { ...plan, onApproval });
    expect(asked).toEqual([{ id: "perm-Bash", tool_calls: [{ id: "c1", name: "Bash", input: { command: "ls" } }] }]);
    expect(answer).toEqual({ behavior: "deny", message: "no" });
    const failing = await decideToolCall(ask("Bash"), {
      ...plan,
      onApproval: () => Promise.reject(new Error("prompt closed")),
    });
    expect(failing).toMatchObject({ behavior: "deny", message: expect.stringContaining("prompt closed") });
  });
});

describe("runClientTool", () => {
  it("returns the output as text, and a thrown error as an error result", async () => {
    const signal = new AbortController().signal;
    expect(await runClientTool(clock, "clock", {}, signal)).toEqual({ content: [{ type: "text", text: "noon" }] });
    const json = { ...clock, execute: () => ({ at: 12 }) };
    expect(await runClientTool(json, "clock", {}, signal)).toEqual({ content: [{ type: "text", text: '{"at":12}' }] });
    const broken = {
      ...clock,
      execute: () => {
        throw new Error("no clock");
      },
    };
    expect(await runClientTool(broken, "clock", {}, signal)).toEqual({
      content: [{ type: "text", text: "no clock" }],
      is_error: true,
    });
    expect(await runClientTool(undefined, "ghost", {}, signal)).toMatchObject({ is_error: true });
  });
});
