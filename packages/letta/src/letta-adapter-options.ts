import { InvalidRequestError } from "@openharness/adapter-kit";
import type { ValidationIssue } from "@openharness/types";

/** How to reach Letta and how to behave. Every option is optional. */
export interface LettaAdapterOptions {
  /** Letta API key. Default: `LETTA_API_KEY` from the environment, read at construction. */
  apiKey?: string;
  /** Server URL for a local or self-hosted Letta. Default: `LETTA_BASE_URL`, else Letta Cloud. */
  baseUrl?: string;
  /** Time allowed for a request until Letta answers (ms). Default 10 minutes: a whole agent turn. */
  timeout?: number;
  /** Retries of idempotent reads (409/429/5xx/network). Message sends are never retried. Default 2. */
  maxRetries?: number;
  /** A stream with no data (not even Letta's keepalive pings) for this long is interrupted (ms). Default 65 s. */
  idleTimeoutMs?: number;
  /**
   * A streamed turn whose connection drops is re-attached to its run (Letta's background mode) up
   * to this many times in a row, without sending the message again. `0` streams without background
   * mode and reports a drop as `StreamInterruptedError`. Default 3.
   */
  resumeAttempts?: number;
  /** Sends the key over plain `http://` to a host that is not this machine. Default false. */
  allowInsecureHttp?: boolean;
  /** Letta Cloud project id (`X-Project-Id`). */
  projectId?: string;
  /** Model of `createAgent` when the config has none. Default `openai/gpt-4o-mini`. */
  defaultModel?: string;
  /** Embedding model of `createAgent` when the config has none; `null` sends none. Default `openai/text-embedding-ada-002`. */
  defaultEmbeddingModel?: string | null;
  /**
   * Attach `archival_memory_search` and `archival_memory_insert` to an agent on its first
   * `insertPassage`, so the agent can find what was inserted (new Letta agents lack them). Default true.
   */
  archivalTools?: boolean;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** The SDK's own log level. Default `off`: failures reach you as typed errors instead. */
  logLevel?: "debug" | "info" | "warn" | "error" | "off";
  /** Where to read `LETTA_API_KEY`/`LETTA_BASE_URL` from. Default `process.env` where it exists. */
  env?: Record<string, string | undefined>;
}

/** The options after defaults, environment and checks. */
export interface ResolvedLettaOptions {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  timeout: number;
  maxRetries: number;
  idleTimeoutMs: number;
  resumeAttempts: number;
  projectId: string | undefined;
  defaultModel: string;
  defaultEmbeddingModel: string | null;
  archivalTools: boolean;
  fetch: typeof fetch | undefined;
  logLevel: NonNullable<LettaAdapterOptions["logLevel"]>;
}

/** Letta Cloud, used when no server URL is given. */
export const LETTA_CLOUD_URL = "https://api.letta.com";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|[\w.-]+\.localhost)$/i;

function processEnv(): Record<string, string | undefined> {
  // Guarded: browsers and edge runtimes have no `process`.
  const candidate = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return candidate?.env ?? {};
}

const nonEmpty = (value: string | undefined) => (value && value.trim() !== "" ? value.trim() : undefined);

function positive(
  issues: ValidationIssue[],
  name: string,
  value: number | undefined,
  fallback: number,
  allowZero = false,
) {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    issues.push({
      path: name,
      message: `expected a ${allowZero ? "non-negative" : "positive"} number (given: ${value})`,
    });
  }
  return value;
}

/**
 * Applies defaults and the environment, and checks everything before any request: a key or a
 * server URL must be known, the URL must be http(s) without credentials, and the key never goes
 * over plain http to another machine unless `allowInsecureHttp` says so.
 */
export function resolveLettaOptions(options: LettaAdapterOptions = {}): ResolvedLettaOptions {
  const env = options.env ?? processEnv();
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.LETTA_API_KEY);
  const baseUrl = nonEmpty(options.baseUrl) ?? nonEmpty(env.LETTA_BASE_URL);
  const issues: ValidationIssue[] = [];

  if (apiKey === undefined && baseUrl === undefined) {
    issues.push({
      path: "apiKey",
      message:
        "expected a Letta API key (option apiKey or LETTA_API_KEY) for Letta Cloud, " +
        "or a server URL (option baseUrl or LETTA_BASE_URL) for a local or self-hosted Letta",
    });
  }
  if (baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(baseUrl);
    } catch {
      issues.push({ path: "baseUrl", message: "expected an absolute http(s) URL such as http://localhost:8283" });
    }
    if (url && url.protocol !== "https:" && url.protocol !== "http:") {
      issues.push({ path: "baseUrl", message: `expected an http or https URL (given: ${url.protocol} URL)` });
    }
    if (url && (url.username || url.password)) {
      issues.push({ path: "baseUrl", message: "expected a URL without credentials; pass the key as apiKey" });
    }
    if (
      url?.protocol === "http:" &&
      apiKey !== undefined &&
      !LOOPBACK.test(url.hostname) &&
      !options.allowInsecureHttp
    ) {
      issues.push({
        path: "baseUrl",
        message:
          `expected https:// for a remote host: the API key would travel unencrypted to ${url.hostname} ` +
          "(set allowInsecureHttp: true to allow it)",
      });
    }
  }
  const timeout = positive(issues, "timeout", options.timeout, 10 * 60_000);
  const maxRetries = positive(issues, "maxRetries", options.maxRetries, 2, true);
  const idleTimeoutMs = positive(issues, "idleTimeoutMs", options.idleTimeoutMs, 65_000);
  const resumeAttempts = positive(issues, "resumeAttempts", options.resumeAttempts, 3, true);
  if (options.resumeAttempts !== undefined && !Number.isInteger(options.resumeAttempts)) {
    issues.push({ path: "resumeAttempts", message: `expected a whole number (given: ${options.resumeAttempts})` });
  }
  if (options.archivalTools !== undefined && typeof options.archivalTools !== "boolean") {
    issues.push({ path: "archivalTools", message: `expected true or false (given: ${typeof options.archivalTools})` });
  }

  if (issues.length > 0) throw new InvalidRequestError({ what: "LettaAdapter options", issues, harness: "Letta" });
  return {
    apiKey,
    baseUrl: baseUrl?.replace(/\/+$/, ""),
    timeout,
    maxRetries: Math.floor(maxRetries),
    idleTimeoutMs,
    resumeAttempts,
    projectId: nonEmpty(options.projectId),
    defaultModel: options.defaultModel ?? "openai/gpt-4o-mini",
    defaultEmbeddingModel:
      options.defaultEmbeddingModel === undefined ? "openai/text-embedding-ada-002" : options.defaultEmbeddingModel,
    archivalTools: options.archivalTools ?? true,
    fetch: options.fetch,
    logLevel: options.logLevel ?? "off",
  };
}
