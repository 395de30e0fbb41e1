import { validate } from "@openharness/types";
import { InvalidRequestError } from "@openharness/types/errors";
import type { z } from "zod";

/** Where an input is checked, so the error can say so. */
export interface InputContext {
  /** What the input is, for the message (`ExecuteRequest`, `agent id`). */
  what: string;
  /** The argument's name when the input is one argument (`agentId`): issue paths start with it. */
  field?: string;
  harness?: string;
  domain?: string;
  operation?: string;
}

/**
 * Parses `input` with `schema` or throws {@link InvalidRequestError} naming each field, what was
 * expected and what was given. Call it before any network request. Inside an adapter class,
 * `this.parse` fills in the harness.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context: InputContext): z.output<S> {
  const result = validate(schema, input);
  if (result.success) return result.data;
  const { field, ...where } = context;
  const issues = field ? result.issues.map((issue) => ({ ...issue, path: within(field, issue.path) })) : result.issues;
  throw new InvalidRequestError({ ...where, issues });
}

function within(field: string, path: string): string {
  if (path === "(root)") return field;
  return path.startsWith("[") ? `${field}${path}` : `${field}.${path}`;
}
