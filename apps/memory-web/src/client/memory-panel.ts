import { diffBlock } from "@openharness/example-support/block-diff";
import type { MemoryBlock, MemoryUpdateEvent } from "@openharness/types";
import { h } from "./dom";

/**
 * The agent's memory blocks, live: a `memory_update` event rewrites its block, highlights it and
 * shows what changed, line by line.
 */
export class MemoryPanel {
  readonly #items = new Map<string, { element: HTMLLIElement; value: HTMLPreElement; diff: HTMLUListElement }>();

  constructor(private readonly list: HTMLUListElement) {}

  /** Shows these blocks (on load, and after a turn, to be sure nothing was missed). */
  show(blocks: readonly MemoryBlock[]): void {
    for (const block of blocks) this.#item(block.label).value.textContent = block.value;
  }

  /** One change the agent made during a turn. */
  update(event: MemoryUpdateEvent): void {
    if (event.label === "archival") return;
    const item = this.#item(event.label);
    item.value.textContent = event.after ?? "(deleted)";
    item.diff.replaceChildren(
      ...diffBlock(event.before ?? "", event.after ?? "").map((line) =>
        h("li", { class: line.startsWith("+") ? "add" : "del" }, line),
      ),
    );
    item.element.classList.add("changed");
    item.element.setAttribute("aria-label", `${event.label}, just changed`);
  }

  #item(label: string) {
    let item = this.#items.get(label);
    if (!item) {
      const value = h("pre", { class: "value" });
      const diff = h("ul", { class: "diff", "aria-label": "What changed" });
      const element = h("li", { class: "block", "data-label": label }, h("h3", {}, label), value, diff);
      this.list.append(element);
      item = { element, value, diff };
      this.#items.set(label, item);
    }
    return item;
  }
}
