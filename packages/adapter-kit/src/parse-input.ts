import { validate } from "@openharness/types";
import type { z } from "zod";
import { InvalidRequestError } from "./errors/invalid-request-error";

/** Where an input is checked, so the error can say so. */
export interface InputContext {
  /** What the input is, for the message (`ExecuteRequest`, `agent id`). */
  what: string;
  harness?: string;
  domain?: string;
  operation?: string;
}

/**
 * Parses `input` with `schema` or throws {@link InvalidRequestError} naming each field, what was
 * expected and what was given. Call it before any network request.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context: InputContext): z.output<S> {
  const result = validate(schema, input);
  if (!result.success) throw new InvalidRequestError({ ...context, issues: result.issues });
  return result.data;
}
