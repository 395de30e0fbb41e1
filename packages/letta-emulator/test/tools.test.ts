import { type APIError, BadRequestError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { PythonToolParseError, parsePythonTool } from "../src/index.js";
import { collect, createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

const ROLL_DICE = `import random

def _helper(x):
    return x

def roll_dice(sides: int, times: int = 1, label: Optional[str] = None) -> str:
    """
    Roll a die and report the results.

    Args:
        sides (int): How many sides the die has.
        times (int): How many times to roll.
        label: An optional label for the roll,
            continued on a second line.

    Returns:
        str: The rolls.
    """
    return ", ".join(str(random.randint(1, sides)) for _ in range(times))
`;

describe("parsePythonTool", () => {
  it("derives name, description and a JSON schema from the signature and Google-style docstring", () => {
    expect(parsePythonTool(ROLL_DICE)).toEqual({
      name: "roll_dice",
      description: "Roll a die and report the results.",
      json_schema: {
        name: "roll_dice",
        description: "Roll a die and report the results.",
        parameters: {
          type: "object",
          properties: {
            sides: { type: "integer", description: "How many sides the die has." },
            times: { type: "integer", description: "How many times to roll." },
            label: { type: "string", description: "An optional label for the roll, continued on a second line." },
          },
          required: ["sides"],
        },
      },
    });
  });

  it("maps Python annotations to JSON types", () => {
    const parsed =
      parsePythonTool(`async def f(self, a: float, b: bool, c: list[str], d: dict, e: Literal["x", "y"], g: List[int] = [], h: "str | None" = None):
    '''Does things.

    Args:
        a: A.
        b: B.
        c: C.
        d: D.
        e: E.
        g: G.
        h: H.
    '''
`);
    expect(parsed.json_schema.parameters.properties).toEqual({
      a: { type: "number", description: "A." },
      b: { type: "boolean", description: "B." },
      c: { type: "array", items: { type: "string" }, description: "C." },
      d: { type: "object", description: "D." },
      e: { type: "string", enum: ["x", "y"], description: "E." },
      g: { type: "array", items: { type: "integer" }, description: "G." },
      h: { type: "string", description: "H." },
    });
    expect(parsed.json_schema.parameters.required).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("rejects a parameter without an Args description, like Letta's schema generator", () => {
    expect(() => parsePythonTool('def f(x: int):\n    """Doc without args."""\n')).toThrow(
      new PythonToolParseError("Parameter 'x' in function 'f' lacks a description in the docstring"),
    );
    expect(() => parsePythonTool("x = 1\n")).toThrow(PythonToolParseError);
  });
});

describe("tools API", () => {
  it("creates a custom tool from Python source", async () => {
    const client = fx.client();
    const tool = await client.tools.create({ source_code: ROLL_DICE, tags: ["games"] });
    expect(tool).toMatchObject({
      name: "roll_dice",
      tool_type: "custom",
      source_type: "python",
      tags: ["games"],
      description: "Roll a die and report the results.",
      return_char_limit: 50000,
    });
    expect(tool.id).toMatch(/^tool-[0-9a-f-]{36}$/);
    expect(tool.json_schema).toMatchObject({ name: "roll_dice", parameters: { required: ["sides"] } });
  });

  it("answers 400 for a missing Args description and for a duplicate name", async () => {
    const client = fx.client();
    const missing = await client.tools
      .create({ source_code: 'def f(x: int):\n    """No args section."""\n' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BadRequestError);
    expect((missing as APIError).error).toEqual({
      detail: "Parameter 'x' in function 'f' lacks a description in the docstring",
    });
    await client.tools.create({ source_code: ROLL_DICE });
    const duplicate = await client.tools.create({ source_code: ROLL_DICE }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(BadRequestError);
    expect((duplicate as APIError).error).toEqual({
      detail: "INVALID_ARGUMENT: Tool with name 'roll_dice' already exists in your organization",
    });
  });

  it("upserts by derived name and updates (re-deriving the schema)", async () => {
    const client = fx.client();
    const first = await client.tools.upsert({ source_code: ROLL_DICE });
    const second = await client.tools.upsert({ source_code: ROLL_DICE, description: "Rolls dice." });
    expect(second.id).toBe(first.id);
    expect(second.description).toBe("Rolls dice.");
    const updated = await client.tools.update(first.id, {
      source_code: 'def roll_d6() -> int:\n    """Roll a six-sided die."""\n    return 4\n',
    });
    expect(updated).toMatchObject({ id: first.id, name: "roll_d6", description: "Roll a six-sided die." });
    expect(updated.json_schema).toMatchObject({ parameters: { properties: {}, required: [] } });
  });

  it("lists with a name filter, retrieves and deletes (detaching from agents)", async () => {
    const client = fx.client();
    const tool = await client.tools.create({ source_code: ROLL_DICE });
    expect((await client.tools.list({ name: "roll_dice" })).items.map((t) => t.id)).toEqual([tool.id]);
    const all = await collect(client.tools.list());
    expect(all.map((t) => t.name)).toEqual(
      expect.arrayContaining(["roll_dice", "memory_insert", "conversation_search", "archival_memory_search"]),
    );
    expect((await client.tools.retrieve(tool.id)).name).toBe("roll_dice");
    const agent = await createTestAgent(client, { tool_ids: [tool.id] });
    await client.tools.delete(tool.id);
    expect(fx.emulator.state.agents[agent.id]?.tool_ids).not.toContain(tool.id);
  });

  it("attaches and detaches tools on an agent (Letta answers null to 1.x SDKs)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const tool = await client.tools.create({ source_code: ROLL_DICE });
    expect(await client.agents.tools.attach(tool.id, { agent_id: agent.id })).toBeNull();
    const names = (await collect(client.agents.tools.list(agent.id))).map((t) => t.name);
    expect(names.sort()).toEqual(["conversation_search", "memory_insert", "memory_replace", "roll_dice"]);
    expect(await client.agents.tools.detach(tool.id, { agent_id: agent.id })).toBeNull();
    expect((await collect(client.agents.tools.list(agent.id))).map((t) => t.name)).not.toContain("roll_dice");
  });

  it("seeds Letta's base tools with proper schemas", async () => {
    const client = fx.client();
    const [insert] = (await client.tools.list({ name: "memory_insert" })).items;
    expect(insert).toMatchObject({ tool_type: "letta_memory_core" });
    expect(insert?.json_schema).toMatchObject({
      name: "memory_insert",
      parameters: { type: "object", required: ["label", "new_str"], properties: { insert_line: { type: "integer" } } },
    });
    const [search] = (await client.tools.list({ name: "conversation_search" })).items;
    expect(search?.tool_type).toBe("letta_core");
    expect(search?.json_schema).toMatchObject({
      parameters: { properties: { roles: { type: "array", items: { enum: ["assistant", "user", "tool"] } } } },
    });
  });
});
