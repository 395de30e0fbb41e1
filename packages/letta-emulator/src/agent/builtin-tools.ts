import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { EmulatedAgent } from "../state/emulator-state.js";
import type { EmulatorStore } from "../state/emulator-store.js";
import { insertPassage, relevance, searchPassages } from "../state/archival-memory.js";
import { assertWithinLimit, makeBlock } from "../state/letta-defaults.js";
import { lettaLocalTime } from "../support/time.js";
import { HttpError } from "../wire/http-error.js";
import { messageText } from "./message-text.js";

/** The result of running a tool: what goes into the `tool_return_message`. */
export interface ToolOutcome {
  status: "success" | "error";
  tool_return: string;
}

/** Names of the built-in tools the emulator executes itself. */
export const BUILTIN_TOOL_NAMES = new Set([
  "memory_insert",
  "memory_replace",
  "memory_rethink",
  "core_memory_append",
  "core_memory_replace",
  "memory",
  "archival_memory_insert",
  "archival_memory_search",
  "conversation_search",
]);

class ToolError extends Error {
  constructor(
    readonly exceptionName: string,
    message: string,
  ) {
    super(message);
  }
}

const EDIT_SUCCESS = (label: string) =>
  `The core memory block with label \`${label}\` has been successfully edited. ` +
  "Your system prompt has been recompiled with the updated memory contents and is now active in your context. " +
  "Review the changes and make sure they are as expected (correct indentation, " +
  "no duplicate lines, etc). Edit the memory block again if necessary.";

/**
 * Letta's `package_function_response`: the JSON envelope every tool return carries, written with
 * Python's `json.dumps` separators.
 */
export function packageToolResponse(ok: boolean, message: string, now: Date): string {
  return `{"status": ${JSON.stringify(ok ? "OK" : "Failed")}, "message": ${JSON.stringify(message)}, "time": ${JSON.stringify(lettaLocalTime(now))}}`;
}

/** Runs a built-in tool against the store. Returns `null` when `name` isn't a built-in. */
export function executeBuiltinTool(
  store: EmulatorStore,
  agent: EmulatedAgent,
  name: string,
  args: Record<string, unknown>,
): ToolOutcome | null {
  if (!BUILTIN_TOOL_NAMES.has(name)) return null;
  const now = store.env.now();
  try {
    const message = runBuiltin(store, agent, name, args);
    return { status: "success", tool_return: packageToolResponse(true, message, now) };
  } catch (error) {
    const exceptionName =
      error instanceof ToolError ? error.exceptionName : error instanceof HttpError ? "ValueError" : "Exception";
    const text = error instanceof Error ? error.message : String(error);
    return {
      status: "error",
      tool_return: packageToolResponse(false, `Error executing function ${name}: ${exceptionName}: ${text}`, now),
    };
  }
}

function stringArg(args: Record<string, unknown>, key: string, required = true): string {
  const value = args[key];
  if (typeof value === "string") return value;
  if (value === undefined || value === null) {
    if (!required) return "";
    throw new ToolError("TypeError", `missing required argument: '${key}'`);
  }
  return String(value);
}

function editableBlock(store: EmulatorStore, agent: EmulatedAgent, label: string) {
  const block = store.blockByLabel(agent, label);
  if (!block) {
    const available = store
      .blocksOf(agent)
      .map((b) => b.label)
      .join(", ");
    throw new ToolError("KeyError", `'Block field ${label} does not exist (available sections = ${available})'`);
  }
  if (block.read_only) throw new ToolError("ValueError", "This block is read-only and cannot be edited.");
  return block;
}

function writeBlock(store: EmulatorStore, blockId: string, value: string): void {
  const block = store.block(blockId);
  try {
    assertWithinLimit(value, block.limit ?? Number.POSITIVE_INFINITY);
  } catch (error) {
    throw new ToolError("ValueError", error instanceof Error ? error.message : String(error));
  }
  block.value = value;
}

function runBuiltin(store: EmulatorStore, agent: EmulatedAgent, name: string, args: Record<string, unknown>): string {
  switch (name) {
    case "memory_insert": {
      const label = stringArg(args, "label");
      const newStr = stringArg(args, "new_str").replace(/\t/g, "    ");
      const block = editableBlock(store, agent, label);
      const lines = block.value.replace(/\t/g, "    ").split("\n");
      const requested = args.insert_line === undefined || args.insert_line === null ? -1 : Number(args.insert_line);
      const insertAt = requested === -1 ? lines.length : requested;
      if (!Number.isInteger(insertAt) || insertAt < 0 || insertAt > lines.length) {
        throw new ToolError(
          "ValueError",
          `Invalid \`insert_line\` parameter: ${requested}. It should be within the range of lines of the memory block: [0, ${lines.length}], or -1 to append to the end of the memory block.`,
        );
      }
      // As in Letta, an empty block is one empty line, so appending to it leaves a leading newline.
      const next = [...lines.slice(0, insertAt), ...newStr.split("\n"), ...lines.slice(insertAt)].join("\n");
      writeBlock(store, block.id, next);
      return EDIT_SUCCESS(label);
    }
    case "memory_replace": {
      const label = stringArg(args, "label");
      const oldStr = stringArg(args, "old_str").replace(/\t/g, "    ");
      const newStr = stringArg(args, "new_str", false).replace(/\t/g, "    ");
      const block = editableBlock(store, agent, label);
      const current = block.value.replace(/\t/g, "    ");
      const occurrences = oldStr.length === 0 ? 0 : current.split(oldStr).length - 1;
      if (occurrences === 0) {
        throw new ToolError(
          "ValueError",
          `No replacement was performed, old_str \`${oldStr}\` did not appear verbatim in memory block with label \`${label}\`.`,
        );
      }
      if (occurrences > 1) {
        const lines = current
          .split("\n")
          .flatMap((line, i) => (line.includes(oldStr) ? [i + 1] : []))
          .join(", ");
        throw new ToolError(
          "ValueError",
          `No replacement was performed. Multiple occurrences of old_str \`${oldStr}\` in lines [${lines}]. Please ensure it is unique.`,
        );
      }
      writeBlock(store, block.id, current.replace(oldStr, newStr));
      return EDIT_SUCCESS(label);
    }
    case "memory_rethink": {
      const label = stringArg(args, "label");
      const block = editableBlock(store, agent, label);
      writeBlock(store, block.id, stringArg(args, "new_memory"));
      return EDIT_SUCCESS(label);
    }
    case "core_memory_append": {
      const label = stringArg(args, "label");
      const block = editableBlock(store, agent, label);
      writeBlock(store, block.id, `${block.value}\n${stringArg(args, "content")}`);
      return "None";
    }
    case "core_memory_replace": {
      const label = stringArg(args, "label");
      const oldContent = stringArg(args, "old_content");
      const block = editableBlock(store, agent, label);
      if (!block.value.includes(oldContent)) {
        throw new ToolError("ValueError", `Old content '${oldContent}' not found in memory block '${label}'`);
      }
      writeBlock(store, block.id, block.value.split(oldContent).join(stringArg(args, "new_content", false)));
      return "None";
    }
    case "memory":
      return memoryCommand(store, agent, args);
    case "archival_memory_insert": {
      const tags = Array.isArray(args.tags) ? args.tags.map(String) : null;
      const passage = insertPassage(store, agent, stringArg(args, "content"), tags, null);
      return `Successfully inserted into archival memory (id=${passage.id})`;
    }
    case "archival_memory_search": {
      const results = searchPassages(store, agent, {
        query: stringArg(args, "query"),
        tags: Array.isArray(args.tags) ? args.tags.map(String) : null,
        tagMatchMode: args.tag_match_mode === "all" ? "all" : "any",
        topK: typeof args.top_k === "number" ? args.top_k : 10,
      });
      if (results.length === 0) return "No results found.";
      return JSON.stringify(results.map((r) => ({ timestamp: r.timestamp, content: r.content, tags: r.tags })));
    }
    case "conversation_search": {
      const query = typeof args.query === "string" ? args.query : "";
      const roles = Array.isArray(args.roles) ? args.roles.map(String) : null;
      const limit = typeof args.limit === "number" ? args.limit : 10;
      const found = searchConversation(store.messagesOf(agent.id), query, roles).slice(0, limit);
      if (found.length === 0) return "No results found.";
      return `Found ${found.length} results: ${JSON.stringify(found)}`;
    }
    default:
      throw new ToolError("NotImplementedError", `Tool ${name} is not implemented by the emulator`);
  }
}

function searchConversation(messages: readonly Message[], query: string, roles: string[] | null) {
  const roleOf = (m: Message) =>
    m.message_type === "user_message"
      ? "user"
      : m.message_type === "assistant_message"
        ? "assistant"
        : m.message_type === "tool_return_message"
          ? "tool"
          : null;
  return messages
    .map((m, index) => ({ m, index, role: roleOf(m), score: query ? relevance(query, messageText(m)) : 1 }))
    .filter(({ role, score }) => role !== null && score > 0 && (!roles || roles.includes(role)))
    .sort((a, b) => b.score - a.score || b.index - a.index)
    .map(({ m, role }) => ({ timestamp: m.date, role, content: messageText(m) }));
}

/** A block label from a memory path: `/memories/notes/today` → `notes_today` (Letta's `memory` tool). */
const labelOf = (path: string, flatten = true) => {
  const label = path.replace(/^\/memories\//, "").replace(/^\//, "");
  return flatten ? label.replace(/\//g, "_") : label;
};

function required(args: Record<string, unknown>, key: string, command: string): string {
  const value = args[key];
  if (value === undefined || value === null)
    throw new ToolError("ValueError", `Error: ${key} is required for ${command} command`);
  return String(value);
}

/** Letta's `memory` tool (`core_tool_executor.py`): blocks addressed by path, five sub-commands. */
function memoryCommand(store: EmulatorStore, agent: EmulatedAgent, args: Record<string, unknown>): string {
  const command = stringArg(args, "command");
  switch (command) {
    case "create": {
      const label = labelOf(required(args, "path", command), false);
      const description = required(args, "description", command);
      const block = makeBlock(store.env, {
        label,
        value: typeof args.file_text === "string" ? args.file_text : "",
        description,
      });
      store.state.blocks[block.id] = block;
      agent.block_ids.push(block.id);
      return `Successfully created memory block '${label}'. Your system prompt has been recompiled with the new memory block and is now active in your context.`;
    }
    case "str_replace": {
      const label = labelOf(required(args, "path", command), false);
      const oldString = required(args, "old_string", command);
      const newString = required(args, "new_string", command);
      const block = editableBlock(store, agent, label);
      const current = block.value;
      const occurrences = oldString.length === 0 ? 0 : current.split(oldString).length - 1;
      if (occurrences === 0) {
        throw new ToolError(
          "ValueError",
          `No replacement was performed, old_string \`${oldString}\` did not appear verbatim in memory block with label \`${label}\`.`,
        );
      }
      if (occurrences > 1)
        throw new ToolError(
          "ValueError",
          `No replacement was performed. Multiple occurrences of old_string \`${oldString}\`. Please ensure it is unique.`,
        );
      const next = current.replace(oldString, newString);
      writeBlock(store, block.id, next);
      return next;
    }
    case "insert": {
      const label = labelOf(required(args, "path", command));
      const text = required(args, "insert_text", command);
      const block = editableBlock(store, agent, label);
      const lines = block.value.split("\n");
      const requested = args.insert_line === undefined || args.insert_line === null ? -1 : Number(args.insert_line);
      const at = requested === -1 ? lines.length : requested;
      if (!Number.isInteger(at) || at < 0 || at > lines.length) {
        throw new ToolError(
          "ValueError",
          `Invalid \`insert_line\` parameter: ${requested}. It should be within the range of lines of the memory block: [0, ${lines.length}], or -1 to append to the end of the memory block.`,
        );
      }
      const next = [...lines.slice(0, at), ...text.split("\n"), ...lines.slice(at)].join("\n");
      writeBlock(store, block.id, next);
      return next;
    }
    case "delete": {
      const label = labelOf(required(args, "path", command));
      const block = store.blockByLabel(agent, label);
      if (!block) throw new ToolError("ValueError", `Error: Memory block '${label}' does not exist`);
      agent.block_ids = agent.block_ids.filter((id) => id !== block.id);
      return `Successfully deleted memory block '${label}'. Your system prompt has been recompiled without this memory block and is now active in your context.`;
    }
    case "rename": {
      const oldPath = args.old_path;
      const newPath = args.new_path;
      if (typeof oldPath !== "string" || typeof newPath !== "string") {
        throw new ToolError(
          "ValueError",
          "Error: path and description are required for update_description command, or old_path and new_path are required for rename command",
        );
      }
      const [from, to] = [labelOf(oldPath), labelOf(newPath)];
      const block = store.blockByLabel(agent, from);
      if (!block) throw new ToolError("ValueError", `Error: Memory block '${from}' does not exist`);
      block.label = to;
      return `Successfully renamed memory block '${from}' to '${to}'. Your system prompt has been recompiled with the renamed memory block and is now active in your context.`;
    }
    default:
      throw new ToolError(
        "ValueError",
        `Error: Unknown command '${command}'. Supported commands: create, str_replace, insert, delete, rename`,
      );
  }
}
