/**
 * A small, best-effort reader of Python tool source, standing in for Letta's schema generator
 * (`letta/functions/schema_generator.py`): it finds the tool function, its parameters and its
 * Google-style docstring, and derives the OpenAI-style `json_schema` Letta stores on the tool.
 *
 * It does not execute or fully parse Python. It handles what tool authors write in practice:
 * `def name(a: str, b: int = 3) -> str:` with a `"""…"""` docstring that has an `Args:` section.
 */

/** JSON Schema for one tool parameter. */
export interface ToolParameterSchema {
  type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  description: string;
  items?: { type: string; enum?: unknown[] };
  enum?: unknown[];
}

/** The `json_schema` Letta derives for a tool. */
export interface ToolJsonSchema {
  name: string;
  description: string;
  parameters: {
    type: "object";
    properties: Record<string, ToolParameterSchema>;
    required: string[];
  };
}

/** What {@link parsePythonTool} found. */
export interface ParsedPythonTool {
  name: string;
  description: string;
  json_schema: ToolJsonSchema;
}

/** Raised when the source can't produce a schema; the message mirrors Letta's wording where known. */
export class PythonToolParseError extends Error {
  override name = "PythonToolParseError";
}

interface RawParameter {
  name: string;
  annotation: string | null;
  hasDefault: boolean;
}

/** Parameters Letta injects itself and never exposes to the model. */
const INJECTED_PARAMETERS = new Set(["self", "agent_state", "cls"]);

const SECTION_HEADERS =
  /^(Args|Arguments|Parameters|Params|Returns|Return|Yields|Raises|Examples|Example|Notes|Note)\s*:\s*$/;

/**
 * Derives a tool's name and `json_schema` from Python source. The last top-level function in the
 * source is the tool (helpers may precede it), as with Letta.
 *
 * @throws {PythonToolParseError} when there is no function, or a parameter has no `Args:` description.
 */
export function parsePythonTool(source: string): ParsedPythonTool {
  const text = source.replace(/\r\n?/g, "\n");
  const defPattern = /^(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/gm;
  let match: RegExpExecArray | null = null;
  for (let m = defPattern.exec(text); m !== null; m = defPattern.exec(text)) {
    match = m;
  }
  if (!match) {
    throw new PythonToolParseError("Error creating tool: no function definition found in source_code.");
  }
  const name = match[1] ?? "";
  const openParen = match.index + match[0].length - 1;
  const closeParen = findClosingBracket(text, openParen);
  if (closeParen < 0) {
    throw new PythonToolParseError(`Error creating tool: could not parse the signature of function '${name}'.`);
  }
  const parameters = splitTopLevel(text.slice(openParen + 1, closeParen), ",")
    .map(parseParameter)
    .filter((p): p is RawParameter => p !== null && !INJECTED_PARAMETERS.has(p.name));

  const colon = findSignatureColon(text, closeParen + 1);
  const docstring = colon < 0 ? null : readDocstring(text, colon + 1);
  const doc = parseGoogleDocstring(docstring ?? "");

  const properties: Record<string, ToolParameterSchema> = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    const documented = doc.args.get(parameter.name);
    if (!documented?.description) {
      throw new PythonToolParseError(
        `Parameter '${parameter.name}' in function '${name}' lacks a description in the docstring`,
      );
    }
    const annotation = parameter.annotation ?? documented.type;
    properties[parameter.name] = { ...jsonTypeFor(annotation), description: documented.description };
    if (!parameter.hasDefault) required.push(parameter.name);
  }

  const json_schema: ToolJsonSchema = {
    name,
    description: doc.description,
    parameters: { type: "object", properties, required },
  };
  return { name, description: doc.description, json_schema };
}

/** Index of the bracket closing the one at `open`, skipping strings and nested brackets; -1 if none. */
function findClosingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipString(text, i);
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Returns the index of the last character of the string literal starting at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start] ?? '"';
  const triple = text.startsWith(quote.repeat(3), start);
  const terminator = triple ? quote.repeat(3) : quote;
  let i = start + terminator.length;
  while (i < text.length) {
    if (text[i] === "\\") {
      i += 2;
      continue;
    }
    if (text.startsWith(terminator, i)) return i + terminator.length - 1;
    if (!triple && text[i] === "\n") return i;
    i++;
  }
  return text.length - 1;
}

/** Splits on `separator` at bracket depth 0, outside strings. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === '"' || ch === "'") {
      const end = skipString(text, i);
      current += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function parseParameter(raw: string): RawParameter | null {
  if (raw === "/" || raw === "*" || raw.startsWith("*")) return null;
  const [head = "", ...defaultParts] = splitTopLevel(raw, "=");
  const [paramName = "", ...annotationParts] = splitTopLevel(head, ":");
  const annotation = annotationParts.join(":").trim();
  return {
    name: paramName.trim(),
    annotation: annotation.length > 0 ? annotation : null,
    hasDefault: defaultParts.length > 0,
  };
}

/** Finds the `:` ending a signature (after an optional `-> annotation`). */
function findSignatureColon(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "[" || ch === "{") {
      i = findClosingBracket(text, i);
      if (i < 0) return -1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i = skipString(text, i);
      continue;
    }
    if (ch === ":") return i;
  }
  return -1;
}

/** Reads the docstring: the first statement of the body, if it's a string literal. */
function readDocstring(text: string, bodyStart: number): string | null {
  const rest = text.slice(bodyStart);
  const lead = /^[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*/.exec(rest);
  const offset = lead ? lead[0].length : (/^[ \t]*/.exec(rest)?.[0].length ?? 0);
  const literal = /^[rRuU]?("""|'''|"|')/.exec(rest.slice(offset));
  if (!literal) return null;
  const quote = literal[1] ?? '"""';
  const contentStart = bodyStart + offset + literal[0].length;
  const end = text.indexOf(quote, contentStart);
  if (end < 0) return null;
  return text.slice(contentStart, end);
}

interface ParsedDocstring {
  description: string;
  args: Map<string, { type: string | null; description: string }>;
}

/** Parses a Google-style docstring into its description and `Args:` entries. */
function parseGoogleDocstring(docstring: string): ParsedDocstring {
  const lines = dedent(docstring).split("\n");
  const args = new Map<string, { type: string | null; description: string }>();
  const descriptionLines: string[] = [];
  let section: string | null = null;
  let argIndent = -1;
  let current: { name: string; type: string | null; parts: string[] } | null = null;

  const flush = () => {
    if (current) args.set(current.name, { type: current.type, description: current.parts.join(" ").trim() });
    current = null;
  };

  for (const line of lines) {
    const trimmed = line.trim();
    const header = SECTION_HEADERS.exec(trimmed);
    if (header && indentOf(line) === 0) {
      flush();
      section = (header[1] ?? "").toLowerCase();
      argIndent = -1;
      continue;
    }
    if (section === null) {
      descriptionLines.push(line);
      continue;
    }
    if (!["args", "arguments", "parameters", "params"].includes(section) || trimmed.length === 0) continue;
    const indent = indentOf(line);
    if (argIndent < 0) argIndent = indent;
    const entry = /^\*{0,2}([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$/.exec(trimmed);
    if (indent <= argIndent && entry) {
      flush();
      current = { name: entry[1] ?? "", type: entry[2]?.trim() || null, parts: [entry[3] ?? ""] };
    } else if (current) {
      current.parts.push(trimmed);
    }
  }
  flush();
  return { description: descriptionLines.join("\n").trim(), args };
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** Removes common leading indentation (ignoring the first line, as Python's `inspect.cleandoc`). */
function dedent(text: string): string {
  const lines = text.replace(/\t/g, "    ").split("\n");
  const rest = lines.slice(1).filter((l) => l.trim().length > 0);
  const common = rest.length === 0 ? 0 : Math.min(...rest.map(indentOf));
  return [lines[0]?.trim() ?? "", ...lines.slice(1).map((l) => l.slice(common))].join("\n");
}

const SIMPLE_TYPES: Record<string, ToolParameterSchema["type"]> = {
  str: "string",
  int: "integer",
  float: "number",
  bool: "boolean",
  list: "array",
  tuple: "array",
  set: "array",
  dict: "object",
};

/** Maps a Python annotation to JSON Schema (best effort: unknown types become `string`). */
function jsonTypeFor(annotation: string | null): Omit<ToolParameterSchema, "description"> {
  if (!annotation) return { type: "string" };
  const text = annotation.trim().replace(/^["']|["']$/g, "");
  const generic = /^(?:typing\.)?([A-Za-z_][A-Za-z0-9_]*)\s*\[(.*)\]$/s.exec(text);
  if (generic) {
    const outer = (generic[1] ?? "").toLowerCase();
    const inner = splitTopLevel(generic[2] ?? "", ",");
    if (outer === "optional") return jsonTypeFor(inner[0] ?? null);
    if (outer === "union") {
      const nonNull = inner.filter((t) => t !== "None" && t !== "NoneType");
      return nonNull.length === 1 ? jsonTypeFor(nonNull[0] ?? null) : { type: "string" };
    }
    if (outer === "literal") {
      const values = inner.map(parseLiteral);
      const type = values.every((v) => typeof v === "number")
        ? "number"
        : values.every((v) => typeof v === "boolean")
          ? "boolean"
          : "string";
      return { type, enum: values };
    }
    if (outer === "list" || outer === "sequence" || outer === "set" || outer === "tuple") {
      const item = jsonTypeFor(inner[0] ?? null);
      return { type: "array", items: item.enum ? { type: item.type, enum: item.enum } : { type: item.type } };
    }
    if (outer === "dict" || outer === "mapping") return { type: "object" };
    return { type: "string" };
  }
  const union = splitTopLevel(text, "|").filter((t) => t !== "None");
  if (union.length > 1) return { type: "string" };
  if (union.length === 1 && union[0] !== text) return jsonTypeFor(union[0] ?? null);
  return { type: SIMPLE_TYPES[text.replace(/^typing\./, "").toLowerCase()] ?? "string" };
}

function parseLiteral(token: string): unknown {
  const t = token.trim();
  if (/^["'].*["']$/s.test(t)) return t.slice(1, -1);
  if (t === "True" || t === "False") return t === "True";
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}
