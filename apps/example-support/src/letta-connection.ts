import type { LettaAdapter, LettaLocalAdapter } from "@openharness/letta";

/** Letta over REST (Cloud, a self-hosted server, the emulator) or a local Letta Code App Server. */
export type ChatAdapter = LettaAdapter | LettaLocalAdapter;

/** Where the chat runs: the adapter, how to announce it, and what to do at the end of each turn. */
export interface LettaConnection {
  readonly adapter: ChatAdapter;
  readonly kind: "cloud" | "server" | "emulator" | "local";
  /** The server's address: its agents are remembered per address. */
  readonly where: string;
  /** Lines announcing the backend, shown on start. */
  readonly announcement: readonly string[];
  /** Persists what must survive a restart (the emulator's state); nothing to do for a real server. */
  save(): void;
  close(): Promise<void>;
}
