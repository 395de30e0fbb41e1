import { describe, inject } from "vitest";

/** The App Server of this run (see global-setup.ts). */
export const appServer = inject("lettaAppServer");

/** `describe`, skipped (with the reason in its title) when Letta Code could not be installed. */
export const describeAppServer = "skipped" in appServer ? describe.skip : describe;

/** The WebSocket URL and model handle; only call inside `describeAppServer`. */
export function appServerTarget(): { url: string; model: string } {
  if ("skipped" in appServer) throw new Error(appServer.skipped);
  return appServer;
}
