// The imaginary "echo agent" harness the example adapter wraps: its own data, its own names, its
// own stream of frames. Nothing here knows OpenHarness; in-memory-adapter.ts maps it.

/** What the echo harness streams for a turn, one frame per step. */
export type EchoFrame =
  | { kind: "thought"; text: string }
  | { kind: "call"; id: string; tool: string; args: string }
  | { kind: "result"; id: string; ok: boolean; text: string }
  | { kind: "ask"; requestId: string; calls: { id: string; tool: string; args: string }[] }
  | { kind: "memory"; label: string; before: string | null; after: string | null; callId: string }
  | { kind: "say"; text: string };

export interface EchoBlock {
  label: string;
  value: string;
}

export interface EchoLine {
  id: string;
  from: "user" | "agent";
  text: string;
}

export interface EchoAgent {
  id: string;
  name: string;
  blocks: Map<string, EchoBlock>;
  passages: Map<string, { id: string; text: string; tags: string[] }>;
  /** The agent's own conversation (turns sent without a session). */
  lines: EchoLine[];
}

export interface EchoConversation {
  id: string;
  agentId: string;
  lines: EchoLine[];
}

interface Waiting {
  agentId: string;
  lines: EchoLine[];
  message: string;
  calls: { id: string; tool: string; args: string }[];
}

/** Thrown by the harness; the adapter turns each into a typed OpenHarness error. */
export class EchoHarnessError extends Error {
  constructor(
    readonly kind: "missing" | "waiting",
    message: string,
  ) {
    super(message);
  }
}

/** The echo harness: answers every message with the message itself. */
export class EchoHarness {
  readonly agents = new Map<string, EchoAgent>();
  readonly conversations = new Map<string, EchoConversation>();
  readonly #waiting = new Map<string, Waiting>();
  #counter = 0;

  newId(prefix: string): string {
    return `${prefix}-${++this.#counter}`;
  }

  agent(id: string): EchoAgent {
    const agent = this.agents.get(id);
    if (!agent) throw new EchoHarnessError("missing", `No agent "${id}".`);
    return agent;
  }

  conversation(id: string): EchoConversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new EchoHarnessError("missing", `No conversation "${id}".`);
    return conversation;
  }

  /**
   * One turn: `/tool <text>` calls the echo tool, `/ask <text>` calls it only once approved (the
   * turn then waits), `/remember <text>` appends to the `human` block; anything else is echoed.
   */
  async *turn(agentId: string, lines: EchoLine[], message: string): AsyncGenerator<EchoFrame> {
    const agent = this.agent(agentId);
    yield { kind: "thought", text: `Echoing ${message.length} characters.` };
    const [command, ...rest] = message.split(" ");
    const text = rest.join(" ").trim();
    const call = { id: this.newId("call"), tool: "echo", args: JSON.stringify({ text }) };
    if (command === "/ask") {
      yield { kind: "call", ...call };
      const requestId = this.newId("approval");
      this.#waiting.set(requestId, { agentId, lines, message, calls: [call] });
      yield { kind: "ask", requestId, calls: [call] };
      return;
    }
    if (command === "/tool") {
      yield { kind: "call", ...call };
      yield { kind: "result", id: call.id, ok: true, text };
    }
    if (command === "/remember" && agent.blocks.has("human")) {
      const block = agent.blocks.get("human") as EchoBlock;
      const remember = { id: call.id, tool: "memory_append", args: JSON.stringify({ label: "human", text }) };
      yield { kind: "call", ...remember };
      const before = block.value;
      block.value = `${before}\n${text}`;
      yield { kind: "result", id: call.id, ok: true, text: "saved" };
      yield { kind: "memory", label: "human", before, after: block.value, callId: call.id };
    }
    yield* this.#answer(lines, message, message);
  }

  /** Throws unless `agentId` can take a new message (not while a turn of it waits for approval). */
  assertIdle(agentId: string): void {
    if ([...this.#waiting.values()].some((waiting) => waiting.agentId === agentId)) {
      throw new EchoHarnessError("waiting", `Agent "${agentId}" waits for an approval.`);
    }
  }

  /** Continues a turn that waits: approved calls run, denied ones fail with the reason. */
  async *resume(
    requestId: string,
    decisions: Map<string, { approve: boolean; reason?: string }>,
  ): AsyncGenerator<EchoFrame> {
    const waiting = this.#waiting.get(requestId);
    if (!waiting) throw new EchoHarnessError("missing", `No approval request "${requestId}" waits.`);
    this.#waiting.delete(requestId);
    for (const call of waiting.calls) {
      const decision = decisions.get(call.id);
      yield { kind: "call", ...call };
      const text = (JSON.parse(call.args) as { text: string }).text;
      yield decision?.approve
        ? { kind: "result", id: call.id, ok: true, text }
        : { kind: "result", id: call.id, ok: false, text: `denied: ${decision?.reason ?? "no reason"}` };
    }
    yield* this.#answer(waiting.lines, waiting.message, waiting.message);
  }

  /** The pending request `requestId`, when it waits for `agentId`. */
  waiting(requestId: string, agentId: string): { id: string; tool: string; args: string }[] | undefined {
    const waiting = this.#waiting.get(requestId);
    return waiting?.agentId === agentId ? waiting.calls : undefined;
  }

  async *#answer(lines: EchoLine[], message: string, answer: string): AsyncGenerator<EchoFrame> {
    lines.push(
      { id: this.newId("line"), from: "user", text: message },
      { id: this.newId("line"), from: "agent", text: answer },
    );
    yield { kind: "say", text: answer };
  }
}
