import type { LettaConnection } from "@openharness/example-support";
import { LettaAdapter, OpenHarnessError } from "@openharness/letta";
import { json } from "./web-router";

/** What the routes work with: the backend, the agent of this app, and the state shared between requests. */
export interface WebAppContext {
  readonly connection: LettaConnection;
  readonly agentId: string;
}

/** The REST adapter, for what only a Letta server has (approval rules, client tools); undefined on the local backend. */
export const restAdapter = (context: WebAppContext): LettaAdapter | undefined =>
  context.connection.adapter instanceof LettaAdapter ? context.connection.adapter : undefined;

/** The request's JSON body as an object, or a 400 answer saying what was wrong. */
export async function readBody(request: Request): Promise<Record<string, unknown> | Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: "expected a JSON body" }, 400);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return json({ error: "expected a JSON object" }, 400);
  return body as Record<string, unknown>;
}

/** A failed adapter call as a JSON answer: the typed error's status and message (never a key: the adapter redacts it). */
export function failure(error: unknown): Response {
  if (OpenHarnessError.isInstance(error)) {
    const status = error.code === "not_found" ? 404 : error.code === "invalid_request" ? 400 : 502;
    return json({ error: error.message, code: error.code }, status);
  }
  return json({ error: error instanceof Error ? error.message : String(error) }, 500);
}

/** Runs an adapter call and answers with its result as JSON, or with its failure. */
export async function answer(call: () => Promise<unknown>): Promise<Response> {
  try {
    return json(await call());
  } catch (error) {
    return failure(error);
  }
}
