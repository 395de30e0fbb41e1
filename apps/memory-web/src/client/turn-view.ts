import type { ApprovalRequestEvent, ExecutionEvent, Message } from "@openharness/types";
import { h } from "./dom";

const pretty = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value, null, 2));

/**
 * One turn in the transcript, drawn from its events as they arrive: the answer streaming in,
 * thinking collapsed, each tool call with its input and result, approval requests with
 * approve/deny buttons, errors, and the usage and stop reason at the end.
 */
export class TurnView {
  readonly element: HTMLLIElement;
  readonly #answer = h("div", { class: "answer" });
  #thinking: HTMLElement | undefined;
  readonly #tools = new Map<string, { element: HTMLDetailsElement; input: HTMLPreElement; result: HTMLPreElement }>();

  constructor(
    message: string,
    private readonly onAnswer?: (request: ApprovalRequestEvent, approve: boolean) => Promise<void>,
  ) {
    this.element = h("li", { class: "turn" }, h("p", { class: "user" }, message));
    this.element.append(this.#answer);
  }

  /** A past exchange from a session's history: the user's message with the agent's answer. */
  static fromHistory(messages: readonly Message[]): TurnView[] {
    const turns: TurnView[] = [];
    for (const message of messages) {
      if (message.role === "user") turns.push(new TurnView(message.content));
      else if (message.role === "assistant" && message.content)
        turns.at(-1)?.show({ type: "text", content: message.content });
    }
    return turns;
  }

  /** Draws one event. */
  show(event: ExecutionEvent): void {
    switch (event.type) {
      case "text":
        this.#answer.append(event.content);
        return;
      case "thinking":
        this.#thinkingText().append(event.thinking ?? "");
        return;
      case "tool_call_start":
        this.#tool(event.id, event.name).input.textContent = pretty(event.input);
        return;
      case "tool_call_end":
        this.#tool(event.id).input.textContent = pretty(event.input);
        return;
      case "tool_result": {
        const tool = this.#tool(event.id);
        tool.result.textContent = pretty(event.success ? event.output : (event.error ?? event.output));
        tool.element.classList.toggle("error", !event.success);
        return;
      }
      case "approval_request":
        this.#approval(event);
        return;
      case "error":
        this.element.append(h("p", { class: "error", role: "alert" }, `${event.code}: ${event.message}`));
        return;
      case "done": {
        const usage = event.usage ? ` · ${event.usage.input_tokens} in / ${event.usage.output_tokens} out tokens` : "";
        this.element.append(h("p", { class: "footer" }, `stop reason: ${event.stop_reason}${usage}`));
        return;
      }
      default:
        return;
    }
  }

  #thinkingText(): HTMLElement {
    if (!this.#thinking) {
      const text = h("div");
      // Collapsed by default: the reasoning is there for whoever wants it.
      this.#answer.before(h("details", { class: "thinking" }, h("summary", {}, "Thinking"), text));
      this.#thinking = text;
    }
    return this.#thinking;
  }

  #tool(id: string, name?: string) {
    let tool = this.#tools.get(id);
    if (!tool) {
      const input = h("pre", { "aria-label": "input" });
      const result = h("pre", { "aria-label": "result" }, "…");
      const element = h(
        "details",
        { class: "tool" },
        h("summary", {}, `Tool ${name ?? id}`),
        h("div", {}, "Input"),
        input,
        h("div", {}, "Result"),
        result,
      );
      this.#answer.before(element);
      tool = { element, input, result };
      this.#tools.set(id, tool);
    }
    return tool;
  }

  #approval(event: ApprovalRequestEvent): void {
    const calls = event.tool_calls.map((call) => h("pre", {}, `${call.name} ${pretty(call.input)}`));
    const status = h("p", { role: "status" });
    const approve = h("button", { type: "button", class: "approve" }, "Approve");
    const deny = h("button", { type: "button", class: "deny" }, "Deny");
    const card = h(
      "section",
      { class: "approval", "aria-label": "Approval request" },
      h("p", {}, "The agent asks to run:"),
      ...calls,
      h("div", { class: "buttons" }, approve, deny),
      status,
    );
    const decide = (yes: boolean) => {
      approve.disabled = true;
      deny.disabled = true;
      status.textContent = yes ? "Approved." : "Denied.";
      this.onAnswer?.(event, yes).catch((error: unknown) => {
        status.textContent = `Could not answer: ${(error as Error).message}`;
      });
    };
    approve.addEventListener("click", () => decide(true));
    deny.addEventListener("click", () => decide(false));
    this.#answer.before(card);
    approve.focus();
  }
}
