import type { CreateMemoryBlock, MemoryBlock } from "@openharness/types";
import type { MemoryFileEntry } from "./app-server-messages";

/**
 * Core-memory blocks on the local backend are memfs files: block `human` is `system/human.md`,
 * a Markdown file whose YAML front-matter carries `description` (and `limit`), committed to the
 * agent's memory git repository. The App Server refuses a file without front-matter, and
 * `read_only` is a protected field it will not let a client set.
 */

/** `human` → `system/human.md`. */
export const blockPath = (label: string): string => `system/${label}.md`;

/** `system/human.md` → `human`; undefined for any other file (nested, non-system, not Markdown). */
export function blockLabel(path: string): string | undefined {
  return /^system\/([A-Za-z0-9_-]+)\.md$/.exec(path)?.[1];
}

/** The default description Letta Code gives a block created without one. */
export const defaultDescription = (label: string): string => `Memory block ${label}`;

/** A scalar of the front-matter, quoted when YAML would read it as something other than this string. */
function yamlString(value: string): string {
  return /^[\w .,;()'/-]*$/.test(value) &&
    value.trim() === value &&
    value !== "" &&
    !/^(true|false|null|yes|no|~|[-\d.]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** The file for a block: front-matter (`description`, `limit`), then the value as the body. */
export function renderBlockFile(block: Pick<CreateMemoryBlock, "label" | "value" | "description" | "limit">): string {
  const lines = ["---", `description: ${yamlString(block.description ?? defaultDescription(block.label))}`];
  if (block.limit !== undefined) lines.push(`limit: ${block.limit}`);
  lines.push("---");
  return `${lines.join("\n")}\n${block.value}`;
}

/** The front-matter fields of a block file and its body. */
export interface ParsedBlockFile {
  description?: string;
  limit?: number;
  read_only?: boolean;
  value: string;
}

function yamlScalar(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value;
    }
  }
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** Splits a block file into its front-matter fields and body. A file without front-matter is all body. */
export function parseBlockFile(raw: string): ParsedBlockFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(raw);
  if (!match) return { value: raw };
  const parsed: ParsedBlockFile = { value: raw.slice(match[0].length) };
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    const field = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!field) continue;
    const value = yamlScalar(field[2] ?? "");
    if (field[1] === "description") parsed.description = value;
    else if (field[1] === "limit" && /^\d+$/.test(value)) parsed.limit = Number(value);
    else if (field[1] === "read_only") parsed.read_only = value === "true";
  }
  return parsed;
}

/** A block from a `list_memory` entry; undefined for memory files that are not blocks. */
export function blockFromEntry(entry: MemoryFileEntry): MemoryBlock | undefined {
  const label = blockLabel(entry.relative_path);
  if (label === undefined || entry.kind === "image") return undefined;
  const block: MemoryBlock = { id: entry.relative_path, label, value: entry.content };
  if (entry.description !== null && entry.description !== undefined) block.description = entry.description;
  return block;
}

/** A block from a block file read whole (`read_memory_file`), front-matter included. */
export function blockFromFile(label: string, raw: string): MemoryBlock {
  const parsed = parseBlockFile(raw);
  const block: MemoryBlock = { id: blockPath(label), label, value: parsed.value };
  if (parsed.description !== undefined) block.description = parsed.description;
  if (parsed.limit !== undefined) block.limit = parsed.limit;
  if (parsed.read_only) block.read_only = true;
  return block;
}
