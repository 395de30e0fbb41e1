import type { LettaAdapter } from "@openharness/letta";

/** Where the chat runs: the adapter, how to announce it, and what to do at the end of each turn. */
export interface LettaConnection {
  readonly adapter: LettaAdapter;
  readonly kind: "cloud" | "server" | "emulator";
  /** Lines announcing the backend, shown on start. */
  readonly announcement: readonly string[];
  /** Persists what must survive a restart (the emulator's state); nothing to do for a real server. */
  save(): void;
  close(): Promise<void>;
}
