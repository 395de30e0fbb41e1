import { CancelledError, type ClientTool, InvalidRequestError } from "@openharness/adapter-kit";
import type { JsonObject } from "@openharness/types";
import * as z from "zod";

/** What a client tool's run gives back to the harness: Letta's tool-return shape. */
export interface ClientToolResult {
  status: "success" | "error";
  tool_return: string;
}

/** A client tool as the harness is told about it: Letta's `client_tools` entry. */
export interface ClientToolDeclaration {
  name: string;
  description?: string;
  parameters: JsonObject;
}

interface Prepared {
  tool: ClientTool<unknown>;
  schema: z.ZodType;
}

/**
 * A zod 4 schema from any copy of zod: by shape, not `instanceof`, since the caller's zod is rarely
 * the very copy this package runs (its dist carries its own).
 */
const isZod = (value: unknown): value is z.ZodType =>
  typeof value === "object" &&
  value !== null &&
  "_zod" in value &&
  typeof (value as { safeParse?: unknown }).safeParse === "function";

/** The JSON Schema of a caller's zod schema, by its own zod (which holds its descriptions). */
const jsonSchemaOf = (schema: z.ZodType): unknown =>
  typeof schema.toJSONSchema === "function"
    ? schema.toJSONSchema({ io: "input" })
    : z.toJSONSchema(schema, { io: "input" });

const ToolShape = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a function name (letters, digits, _)"),
  description: z.string().optional(),
  input_schema: z.custom<object>(
    (value) => isZod(value) || (typeof value === "object" && value !== null && !Array.isArray(value)),
    {
      message: "expected a JSON Schema object or a zod 4 schema",
    },
  ),
  execute: z.custom<ClientTool["execute"]>((value) => typeof value === "function", { message: "expected a function" }),
});

/** Text of a validation failure, naming each field: `city: expected string`. */
const issuesText = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join(".") || "(arguments)"}: ${issue.message}`).join("; ");

/** A value as the text of a tool return: strings as they are, anything else as JSON. */
function returnText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}

/**
 * The caller's TypeScript tools for one turn: checked once (a bad tool throws
 * `InvalidRequestError` naming it, before anything is sent), declared to the harness, and run
 * when the agent calls one. Standalone, so every Letta backend can share it.
 */
export class ClientToolRunner {
  readonly #tools = new Map<string, Prepared>();
  readonly #declarations: ClientToolDeclaration[] = [];

  constructor(tools: readonly ClientTool<unknown>[] = [], where: { harness?: string; operation?: string } = {}) {
    const issues: { path: string; message: string }[] = [];
    tools.forEach((tool, index) => {
      const shape = ToolShape.safeParse(tool);
      if (!shape.success) {
        for (const issue of shape.error.issues)
          issues.push({ path: `clientTools[${index}].${issue.path.join(".")}`, message: issue.message });
        return;
      }
      if (this.#tools.has(tool.name)) {
        issues.push({ path: `clientTools[${index}].name`, message: `"${tool.name}" is given twice` });
        return;
      }
      try {
        const schema = isZod(tool.input_schema)
          ? tool.input_schema
          : z.fromJSONSchema(tool.input_schema as z.core.JSONSchema.JSONSchema);
        const parameters = (
          isZod(tool.input_schema) ? jsonSchemaOf(tool.input_schema) : tool.input_schema
        ) as JsonObject;
        const { $schema: _dialect, ...rest } = parameters;
        this.#tools.set(tool.name, { tool, schema });
        this.#declarations.push({
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          parameters: rest,
        });
      } catch (error) {
        issues.push({
          path: `clientTools[${index}].input_schema`,
          message: `not a usable schema: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    });
    if (issues.length > 0) {
      throw new InvalidRequestError({
        what: "clientTools",
        issues,
        harness: where.harness,
        domain: "tools",
        operation: where.operation ?? "client",
      });
    }
  }

  /** The tools as the harness's `client_tools`. */
  get declarations(): ClientToolDeclaration[] {
    return this.#declarations;
  }

  /** Whether a tool of this name is one of the caller's. */
  has(name: string): boolean {
    return this.#tools.has(name);
  }

  /**
   * Runs the named tool on `input`: arguments that do not fit its schema, and a throw, are failed
   * results the agent can read. Aborting `signal` cancels the tool (through its `signal`) and
   * rejects with `CancelledError` at once, even when the tool ignores the signal.
   */
  async run(name: string, input: JsonObject, signal: AbortSignal): Promise<ClientToolResult> {
    const prepared = this.#tools.get(name);
    if (!prepared) return { status: "error", tool_return: `Error: no client tool named "${name}" in this turn.` };
    const parsed = prepared.schema.safeParse(input);
    if (!parsed.success)
      return { status: "error", tool_return: `Error: invalid arguments for ${name}: ${issuesText(parsed.error)}` };
    if (signal.aborted) throw new CancelledError({ message: `Cancelled before ${name} ran.` });
    let onAbort: (() => void) | undefined;
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CancelledError({ message: `Cancelled while ${name} was running.` }));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const value = await Promise.race([
        Promise.resolve().then(() => prepared.tool.execute(parsed.data, { signal })),
        cancelled,
      ]);
      return { status: "success", tool_return: returnText(value) };
    } catch (error) {
      if (signal.aborted)
        throw CancelledError.isInstance(error)
          ? error
          : new CancelledError({ message: `Cancelled while ${name} was running.`, cause: error });
      return {
        status: "error",
        tool_return: `Error: ${name} failed: ${error instanceof Error ? error.message : returnText(error)}`,
      };
    } finally {
      if (onAbort) signal.removeEventListener("abort", onAbort);
    }
  }
}
