import type { z } from "zod";

/** One reason an input was rejected: where (`memory_blocks[0].label`) and what was expected. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The outcome of {@link validate}. */
export type ValidationResult<T> = { success: true; data: T } | { success: false; issues: ValidationIssue[] };

/** Renders a zod path as a field path: `memory_blocks[0].label`; the input itself is `(root)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value;
}

function readAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Validates `input` against `schema`, turning zod's issues into readable ones. Each message says
 * what was expected and what was given, without echoing the value itself (it may be a secret).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): ValidationResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data };
  const issues = parsed.error.issues.map((issue) => {
    const given = describe(readAt(input, issue.path));
    let message = `${issue.message} (given: ${given})`;
    // zod says "Invalid input: expected string, received number"; "given" already says the latter.
    // A schema's own message (not zod's "Invalid input: ...") says more, so it is kept.
    if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input"))
      message = `expected ${issue.expected} (given: ${given})`;
    else if (issue.code === "unrecognized_keys") message = issue.message;
    return { path: formatIssuePath(issue.path), message };
  });
  return { success: false, issues };
}

/** One line per issue, `path: message`, for error messages. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
}
