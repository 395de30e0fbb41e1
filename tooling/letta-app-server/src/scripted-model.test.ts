import { describe, expect, it } from "vitest";
import { blockFromSystemPrompt, scriptReply, userText } from "./scripted-model.ts";

const system =
  "<memory>\n<human>\n  <projection>$MEMORY_DIR/system/human.md</projection>\n  <description>About the user</description>\n  Line one\n  Line two\n</human>\n</memory>";
const user = (text: string) => ({
  role: "user",
  content: [
    { type: "text", text: "<system-reminder>device</system-reminder>" },
    { type: "text", text },
  ],
});

describe("the scripted model", () => {
  it("reads the user's own words and a block as the system prompt renders it", () => {
    expect(userText(user("Hello!"))).toBe("Hello!");
    expect(blockFromSystemPrompt(system, "human")).toBe("Line one\nLine two");
    expect(blockFromSystemPrompt("<human>\n</human>", "human")).toBeUndefined();
  });

  it("appends a fact to the human block with the memory tool", () => {
    const reply = scriptReply([{ role: "system", content: system }, user("remember: I like tea")]);
    expect(reply).toMatchObject({ kind: "tool_call", name: "memory" });
    expect(JSON.parse((reply as { arguments: string }).arguments)).toMatchObject({
      command: "insert",
      file_path: "system/human.md",
      insert_line: 3,
      insert_text: "I like tea",
    });
  });

  it("recalls, calls named tools, and reports a tool's result without commit hashes", () => {
    expect(scriptReply([{ role: "system", content: system }, user("recall")])).toEqual({
      kind: "text",
      text: "I remember: Line one\nLine two",
    });
    const savedEarlier = [
      {
        role: "assistant",
        tool_calls: [
          { id: "c0", function: { name: "memory", arguments: '{"command":"insert","insert_text":"Likes tea"}' } },
        ],
      },
      { role: "tool", tool_call_id: "c0", content: "ok" },
    ];
    expect(scriptReply([{ role: "system", content: system }, ...savedEarlier, user("recall")])).toEqual({
      kind: "text",
      text: "I remember: Line one\nLine two\nLikes tea",
    });
    expect(scriptReply([user('call clock {"zone":"UTC"}')])).toMatchObject({
      kind: "tool_call",
      name: "clock",
      arguments: '{"zone":"UTC"}',
    });
    const reply = scriptReply([
      { role: "assistant", tool_calls: [{ id: "c1", function: { name: "memory", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c1", content: "Memory insert committed locally (a097dda)." },
    ]);
    expect(reply).toEqual({ kind: "text", text: "Tool memory said: Memory insert committed locally." });
    expect(scriptReply([user("Hi")])).toEqual({ kind: "text", text: "You said: Hi" });
  });
});
