import type { ClientTool } from "@openharness/letta";

/**
 * The client-tool demo: a TypeScript function the agent can call, run in this process. Its input is
 * checked against `input_schema` before it runs; a bad time zone throws, which the agent sees as
 * a failed tool result.
 */
export const LOCAL_TIME_TOOL: ClientTool<{ timezone?: string }> = {
  name: "local_time",
  description: "The current local time on the user's computer, optionally in another IANA time zone.",
  input_schema: {
    type: "object",
    properties: {
      timezone: { type: "string", description: "An IANA time zone, e.g. Europe/Lisbon (default: the computer's)" },
    },
  },
  execute: ({ timezone }: { timezone?: string }) => {
    const zone = timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const time = new Date().toLocaleTimeString("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit" });
    return `It is ${time} in ${zone}.`;
  },
};
