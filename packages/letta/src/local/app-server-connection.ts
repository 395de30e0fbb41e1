import { ConnectionError, HarnessApiError, TimeoutError } from "@openharness/adapter-kit";
import { APP_SERVER_PROTOCOL_VERSION, type AppServerInfo, type AppServerMessage } from "./app-server-messages";

const HARNESS = "Letta (local)";

/** Options of {@link AppServerConnection}. */
export interface AppServerConnectionOptions {
  /** The App Server's WebSocket URL, `ws://127.0.0.1:4500/ws`. */
  url: string;
  /** How long to wait for the socket and the `app_server_info` handshake. */
  connectTimeoutMs: number;
  /** How long a request may wait for its response (memory writes are git commits: seconds). */
  requestTimeoutMs: number;
}

type Listener = (message: AppServerMessage) => void;

interface Pending {
  type: string;
  resolve: (message: AppServerMessage) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** `ws://host:port/ws` → `http://host:port`, where the App Server answers `/app-server-info`. */
export function httpBaseOf(url: string): string {
  const parsed = new URL(url);
  parsed.protocol = parsed.protocol === "wss:" ? "https:" : "http:";
  return parsed.origin;
}

/**
 * One WebSocket to a Letta Code App Server, over the platform's global `WebSocket` (Node 22+,
 * browsers, Deno, Bun). It opens lazily and again after a close, checks on every open that the
 * peer is an App Server speaking a protocol version we know, correlates requests with their
 * responses by `request_id`, and hands every other message to the listeners.
 */
export class AppServerConnection {
  readonly #options: AppServerConnectionOptions;
  #socket: WebSocket | undefined;
  #opening: Promise<AppServerInfo> | undefined;
  #info: AppServerInfo | undefined;
  readonly #pending = new Map<string, Pending>();
  readonly #listeners = new Set<Listener>();
  readonly #closeListeners = new Set<(error: ConnectionError) => void>();
  #counter = 0;

  constructor(options: AppServerConnectionOptions) {
    this.#options = options;
  }

  /** What the server said about itself on the current connection. */
  get info(): AppServerInfo | undefined {
    return this.#info;
  }

  /** Opens the socket unless it is open; resolves with the server's `app_server_info`. */
  open(): Promise<AppServerInfo> {
    if (this.#socket?.readyState === WebSocket.OPEN && this.#info) return Promise.resolve(this.#info);
    this.#opening ??= this.#connect().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /** Sends a command and resolves with its response (`<type>_response`, or `responseType`; same `request_id`). */
  async request<T extends AppServerMessage = AppServerMessage>(
    command: { type: string; [key: string]: unknown },
    timeoutMs = this.#options.requestTimeoutMs,
    responseType = `${command.type}_response`,
  ): Promise<T> {
    await this.open();
    return this.#request(command, timeoutMs, responseType) as Promise<T>;
  }

  /** Sends a message that has no response (an approval decision, a tool result). */
  send(message: { type: string; [key: string]: unknown }): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN)
      throw this.#closedError("the connection closed before a message could be sent");
    socket.send(JSON.stringify(message));
  }

  /** A fresh request id. */
  nextRequestId(prefix = "oh"): string {
    this.#counter += 1;
    return `${prefix}-${this.#counter}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Calls `listener` with every message that is not a response to one of our requests. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener` when the socket closes unexpectedly. */
  onClose(listener: (error: ConnectionError) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Closes the socket; pending requests fail with `ConnectionError`. */
  close(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#info = undefined;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
    this.#failPending(this.#closedError("the connection was closed"));
  }

  #request(
    command: { type: string; [key: string]: unknown },
    timeoutMs: number,
    responseType = `${command.type}_response`,
  ): Promise<AppServerMessage> {
    const requestId = typeof command.request_id === "string" ? command.request_id : this.nextRequestId(command.type);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(
          new TimeoutError({
            harness: HARNESS,
            message: `The App Server did not answer ${command.type} within ${timeoutMs} ms.`,
            timeoutMs,
            operation: command.type,
          }),
        );
      }, timeoutMs);
      this.#pending.set(requestId, { type: responseType, resolve, reject, timer });
      try {
        this.send({ ...command, request_id: requestId });
      } catch (error) {
        clearTimeout(timer);
        this.#pending.delete(requestId);
        reject(error);
      }
    });
  }

  async #connect(): Promise<AppServerInfo> {
    const url = this.#options.url;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (cause) {
      throw new ConnectionError({
        harness: HARNESS,
        message: `Cannot open a WebSocket to ${url}.`,
        cause,
        retryable: false,
      });
    }
    await new Promise<void>((resolve, reject) => {
      let opened = false;
      const timer = setTimeout(() => {
        socket.close();
        reject(
          new ConnectionError({
            harness: HARNESS,
            message: `No WebSocket connection to ${url} within ${this.#options.connectTimeoutMs} ms.`,
          }),
        );
      }, this.#options.connectTimeoutMs);
      socket.addEventListener("open", () => {
        opened = true;
        clearTimeout(timer);
        resolve();
      });
      socket.addEventListener("error", () => {
        if (opened) return;
        clearTimeout(timer);
        // The WebSocket API says nothing about why: ask the server over HTTP.
        this.#diagnose().then(reject, reject);
      });
    });
    this.#socket = socket;
    socket.addEventListener("message", (event) => this.#receive(event.data));
    socket.addEventListener("close", () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#info = undefined;
      const error = this.#closedError("the App Server closed the connection");
      this.#failPending(error);
      for (const listener of this.#closeListeners) listener(error);
    });
    let info: AppServerMessage;
    try {
      info = await this.#request({ type: "app_server_info" }, this.#options.connectTimeoutMs);
    } catch (cause) {
      this.close();
      throw new ConnectionError({
        code: "not_an_app_server",
        harness: HARNESS,
        message: `${url} accepted a WebSocket but did not answer app_server_info: it is not a Letta Code App Server (letta server --listen).`,
        cause,
        retryable: false,
      });
    }
    return this.#checkInfo(info);
  }

  #checkInfo(info: AppServerMessage): AppServerInfo {
    if (info.protocol_version !== APP_SERVER_PROTOCOL_VERSION) {
      this.close();
      throw new HarnessApiError({
        code: "unsupported_protocol_version",
        harness: HARNESS,
        message: `The App Server at ${this.#options.url} speaks protocol version ${String(info.protocol_version)}; this adapter speaks version ${APP_SERVER_PROTOCOL_VERSION}. Use @letta-ai/letta-code 0.32.x or an adapter release for that version.`,
        details: {
          protocol_version: typeof info.protocol_version === "number" ? info.protocol_version : null,
          letta_code_version: String(info.letta_code_version ?? ""),
        },
      });
    }
    this.#info = info as unknown as AppServerInfo;
    return this.#info;
  }

  /** Why the WebSocket failed: nothing listens, something else listens, or the path is wrong. */
  async #diagnose(): Promise<ConnectionError> {
    const url = this.#options.url;
    const base = httpBaseOf(url);
    let response: Response;
    try {
      response = await fetch(`${base}/app-server-info`, {
        signal: AbortSignal.timeout(this.#options.connectTimeoutMs),
      });
    } catch (cause) {
      return new ConnectionError({
        harness: HARNESS,
        message: `Nothing answers at ${url}. Start a Letta Code App Server there: LETTA_LOCAL_BACKEND_EXPERIMENTAL=1 letta server --listen ${base.replace(/^http/, "ws")}.`,
        cause,
      });
    }
    const body = (await response.json().catch(() => undefined)) as AppServerMessage | undefined;
    if (response.ok && body?.type === "app_server_info_response") {
      return new ConnectionError({
        code: "websocket_rejected",
        harness: HARNESS,
        message: `${base} is a Letta Code App Server but refused the WebSocket at ${url}: use its /ws path, and no Origin header (the App Server answers 403 to browsers unless auth is configured).`,
        retryable: false,
      });
    }
    return new ConnectionError({
      code: "not_an_app_server",
      harness: HARNESS,
      message: `${base} answers HTTP but is not a Letta Code App Server (GET /app-server-info gave ${response.status}). The REST API of Letta Cloud or a self-hosted Letta server is LettaAdapter's, not LettaLocalAdapter's.`,
      retryable: false,
    });
  }

  #receive(data: unknown): void {
    let message: AppServerMessage;
    try {
      message = JSON.parse(String(data)) as AppServerMessage;
    } catch {
      return;
    }
    const pending = message.request_id !== undefined ? this.#pending.get(message.request_id) : undefined;
    if (pending && message.type === pending.type) {
      this.#pending.delete(message.request_id as string);
      clearTimeout(pending.timer);
      pending.resolve(message);
      return;
    }
    for (const listener of this.#listeners) listener(message);
  }

  #failPending(error: unknown): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }

  #closedError(why: string): ConnectionError {
    return new ConnectionError({ harness: HARNESS, message: `Lost the App Server at ${this.#options.url}: ${why}.` });
  }
}
