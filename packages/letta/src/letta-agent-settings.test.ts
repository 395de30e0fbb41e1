import { existsSync, readFileSync } from "node:fs";
import { InvalidRequestError, UnsupportedFeatureError } from "@openharness/adapter-kit";
import { lettaOpenApiSpecPath } from "@openharness/letta-emulator/contract";
import { describe, expect, it } from "vitest";
import { rejection, useLettaEmulator } from "../test/support/emulator-fixture";
import { LettaAgentSettingsSchema, LettaAgentUpdateSettingsSchema } from "./letta-agent-settings";

const { emulator, newAdapter: adapter } = useLettaEmulator();
const sentTo = (method: string, path: RegExp) =>
  emulator.requests.filter((r) => r.method === method && path.test(r.path)).map((r) => r.body);

describe("Letta agent settings (createAgent/updateAgent `letta`)", () => {
  it("sends model settings, tool rules and the context window, and Letta applies them to the agent", async () => {
    const letta = adapter();
    const id = await letta.createAgent({
      name: "tuned",
      letta: {
        agent_type: "letta_v1_agent",
        model_settings: { provider_type: "openai", temperature: 0.2, max_output_tokens: 512 },
        tool_rules: [{ type: "exit_loop", tool_name: "memory_insert" }],
        context_window_limit: 32_000,
        timezone: "Europe/Lisbon",
      },
    });
    expect(sentTo("POST", /^\/v1\/agents\/?$/)[0]).toMatchObject({
      name: "tuned",
      model_settings: { provider_type: "openai", temperature: 0.2, max_output_tokens: 512 },
      tool_rules: [{ type: "exit_loop", tool_name: "memory_insert" }],
      context_window_limit: 32_000,
    });
    const state = await letta.client.agents.retrieve(id);
    expect(state.llm_config).toMatchObject({ temperature: 0.2, max_tokens: 512, context_window: 32_000 });
    expect(state.tool_rules).toEqual([expect.objectContaining({ type: "exit_loop", tool_name: "memory_insert" })]);
    expect(state.timezone).toBe("Europe/Lisbon");
  });

  it("shares one block between two agents through block_ids", async () => {
    const letta = adapter();
    const shared = await letta.client.blocks.create({ label: "team", value: "We ship on Fridays." });
    const first = await letta.createAgent({ letta: { block_ids: [shared.id] } });
    const second = await letta.createAgent({ letta: { block_ids: [shared.id] } });
    await letta.memory.updateBlock(first, "team", "We ship on Thursdays.");
    expect((await letta.memory.getBlock(second, "team")).value).toBe("We ship on Thursdays.");
  });

  it("does what the temperature error's workaround says: the agent's model settings change", async () => {
    const letta = adapter();
    const agent_id = await letta.createAgent({});
    const refused = await rejection(letta.execute({ message: "hi", agent_id, temperature: 0.1 }));
    expect(refused).toBeInstanceOf(UnsupportedFeatureError);
    expect((refused as UnsupportedFeatureError).workaround).toContain("letta.model_settings");
    await letta.updateAgent(agent_id, { letta: { model_settings: { provider_type: "openai", temperature: 0.1 } } });
    expect((await letta.client.agents.retrieve(agent_id)).llm_config.temperature).toBe(0.1);
  });

  it("updates only what Letta's update accepts: memory_blocks and tools are refused by type and at run time", async () => {
    const letta = adapter();
    const agent_id = await letta.createAgent({});
    const before = emulator.requests.length;
    // @ts-expect-error memory_blocks change through `memory`, not updateAgent
    const blocks = await rejection(letta.updateAgent(agent_id, { memory_blocks: [{ label: "x", value: "y" }] }));
    // @ts-expect-error agent_type is fixed at creation (not in Letta's UpdateAgent)
    const type = await rejection(letta.updateAgent(agent_id, { letta: { agent_type: "react_agent" } }));
    expect(blocks).toBeInstanceOf(InvalidRequestError);
    expect(String((blocks as Error).message)).toContain("memory_blocks");
    expect(String((type as Error).message)).toContain("letta");
    expect(String((type as Error).message)).toContain("agent_type");
    expect(emulator.requests.length).toBe(before);
  });

  it("rejects unknown settings, naming the field, before anything is sent", async () => {
    const letta = adapter();
    // [config, the issue's path, what its message names]
    const cases: [unknown, string, string][] = [
      [{ letta: { modle_settings: {} } }, "letta", "modle_settings"],
      [
        { letta: { model_settings: { provider_type: "openai", thinking: {} } } },
        "letta.model_settings.thinking",
        "openai",
      ],
      [{ letta: { model_settings: { provider_type: "nope" } } }, "letta.model_settings.provider_type", "anthropic"],
      [{ letta: { model_settings: { temperature: 0.5 } } }, "letta.model_settings.provider_type", "openai"],
      [
        { letta: { tool_rules: [{ type: "exit_loop", tool_name: "x", children: [] }] } },
        "letta.tool_rules[0]",
        "children",
      ],
      [{ letta: { block_ids: ["block-1"] } }, "letta.block_ids[0]", "block-<uuid>"],
      [{ letta: { context_window_limit: 0 } }, "letta.context_window_limit", ""],
    ];
    for (const [config, path, named] of cases) {
      const error = await rejection(letta.createAgent(config as never));
      expect(error, path).toBeInstanceOf(InvalidRequestError);
      const issue = (error as InvalidRequestError).issues.find((i) => i.path === path);
      expect(issue?.message, path).toContain(named);
    }
    expect(sentTo("POST", /^\/v1\/agents\/?$/)).toEqual([]);
  });
});

describe("attachTool / detachTool", () => {
  it("attaches an existing tool to an agent and detaches it, leaving it on the server", async () => {
    const letta = adapter();
    const agentId = await letta.createAgent({});
    const tool = await letta.registerTool({
      source_code:
        'def shout(text: str) -> str:\n    """Shouts.\n\n    Args:\n        text: What to shout.\n    """\n    return text.upper()\n',
    });
    const names = async () => (await letta.listTools({ agent_id: agentId })).map((t) => t.name);
    expect(await names()).not.toContain("shout");
    await letta.attachTool(agentId, tool.id);
    expect(await names()).toContain("shout");
    await letta.detachTool(agentId, tool.id);
    expect(await names()).not.toContain("shout");
    expect((await letta.listTools()).map((t) => t.id)).toContain(tool.id);
  });

  it("refuses ids that are not Letta tool and agent ids, naming the argument", async () => {
    const letta = adapter();
    const agentId = await letta.createAgent({});
    const error = await rejection(letta.attachTool(agentId, "shout"));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues[0]?.path).toBe("toolId");
    expect(await rejection(letta.detachTool("agent", "shout"))).toBeInstanceOf(InvalidRequestError);
  });
});

describe.runIf(existsSync(lettaOpenApiSpecPath()))("against Letta's OpenAPI spec", () => {
  const schemas = JSON.parse(readFileSync(lettaOpenApiSpecPath(), "utf8")).components.schemas;
  const live = (name: string) =>
    Object.entries(schemas[name].properties as Record<string, { deprecated?: boolean }>)
      .filter(([, property]) => !property.deprecated)
      .map(([key]) => key);

  it("every create setting is a non-deprecated field of CreateAgentRequest", () => {
    expect(live("CreateAgentRequest")).toEqual(expect.arrayContaining(Object.keys(LettaAgentSettingsSchema.shape)));
  });

  it("every update setting is a non-deprecated field of UpdateAgent", () => {
    expect(live("UpdateAgent")).toEqual(expect.arrayContaining(Object.keys(LettaAgentUpdateSettingsSchema.shape)));
  });
});
