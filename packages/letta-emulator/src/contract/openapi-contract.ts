/**
 * Checks emulator traffic against Letta's OpenAPI 3.1 spec (the `fern/openapi.json` of
 * letta-ai/letta; this repository tests against its March 2026 snapshot). Every exchange is validated:
 * the request body, query and path parameters against the operation, the JSON response against the
 * schema for its status, and every SSE `data:` frame against `LettaStreamingResponse`.
 *
 * Where the spec and the real server (or SDK 1.12.1, which is primary) disagree, a narrow
 * allow-list (`letta-allow-list.ts`) says what is tolerated and why.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { LettaExchange } from "../wire/letta-exchange.js";
import type { ContractViolation } from "./contract-violation.js";
import {
  DATE_TIME,
  isStringDetail,
  LETTA_ERROR_BODY,
  LETTA_STRING_DETAIL_422,
  withoutNullSeqId,
} from "./letta-allow-list.js";

interface Operation {
  method: string;
  template: string;
  segments: string[];
  spec: OpenApiOperation;
}

interface OpenApiParameter {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

type Schema = Record<string, unknown>;

const SPEC_ID = "letta-openapi.json";

/** Letta's OpenAPI spec, compiled for checking {@link LettaExchange}s. */
export class OpenApiContract {
  readonly #ajv: Ajv2020;
  readonly #operations: Operation[] = [];
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(spec: Record<string, unknown>) {
    this.#ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateFormats: true,
      unicodeRegExp: false,
      logger: false,
    });
    this.#ajv.addFormat("date-time", DATE_TIME);
    this.#ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:/i);
    this.#ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    this.#ajv.addFormat("binary", true);
    // `discriminator` is ignored (strict: false); `oneOf` still requires exactly one branch to match,
    // which holds because every Letta message schema pins `message_type` with `const`.
    this.#ajv.addSchema({ $id: SPEC_ID, components: (spec as { components: unknown }).components }, SPEC_ID);
    const paths = spec.paths as Record<string, Record<string, OpenApiOperation>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!["get", "put", "post", "delete", "patch"].includes(method)) continue;
        this.#operations.push({
          method: method.toUpperCase(),
          template,
          segments: template.split("/"),
          spec: operation,
        });
      }
    }
  }

  /** Validates `value` against a schema from the spec (inline, with `#/components/...` refs). Returns error messages. */
  validate(schema: Schema, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let validator = this.#cache.get(key);
    if (!validator) {
      validator = this.#ajv.compile(
        JSON.parse(key.replaceAll('"$ref":"#/components/', `"$ref":"${SPEC_ID}#/components/`)) as Schema,
      );
      this.#cache.set(key, validator);
    }
    if (validator(value)) return [];
    return (validator.errors ?? [])
      .slice(0, 12)
      .map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}${formatParams(e.params)}`);
  }

  /** Validates against `#/components/schemas/<name>`. */
  validateComponent(name: string, value: unknown): string[] {
    return this.validate({ $ref: `#/components/schemas/${name}` }, value);
  }

  /**
   * Validates one SSE `data:` object against `LettaStreamingResponse`. The union is resolved by
   * `message_type` first (the spec's discriminator) so errors name the actual branch.
   */
  validateStreamItem(json: unknown): string[] {
    const type =
      typeof json === "object" && json !== null ? (json as { message_type?: unknown }).message_type : undefined;
    const branch = typeof type === "string" ? this.#streamBranches().get(type) : undefined;
    if (typeof type === "string" && !branch) return [`unknown message_type "${type}" (not in LettaStreamingResponse)`];
    return branch ? this.validateComponent(branch, json) : this.validateComponent("LettaStreamingResponse", json);
  }

  #branches: Map<string, string> | null = null;

  /** `message_type` → component name for the branches of `LettaStreamingResponse`. */
  #streamBranches(): Map<string, string> {
    if (this.#branches) return this.#branches;
    const map = new Map<string, string>();
    const union = this.#resolve({ $ref: "#/components/schemas/LettaStreamingResponse" });
    for (const branch of (union.oneOf as Schema[] | undefined) ?? []) {
      const ref = typeof branch.$ref === "string" ? branch.$ref : "";
      const name = ref.slice("#/components/schemas/".length);
      const properties = this.#resolve(branch).properties as Record<string, Schema> | undefined;
      const constant = properties?.message_type?.const;
      if (name && typeof constant === "string") map.set(constant, name);
    }
    this.#branches = map;
    return map;
  }

  /** The spec operation for a concrete method and path (trailing slashes significant). */
  findOperation(method: string, concretePath: string): { operation: Operation; params: Record<string, string> } | null {
    const parts = concretePath.split("/");
    let best: { operation: Operation; params: Record<string, string>; literals: number } | null = null;
    for (const operation of this.#operations) {
      if (operation.method !== method || operation.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (const [i, segment] of operation.segments.entries()) {
        const part = parts[i] ?? "";
        if (segment.startsWith("{") && segment.endsWith("}")) params[segment.slice(1, -1)] = decodeURIComponent(part);
        else if (segment === part) literals++;
        else {
          ok = false;
          break;
        }
      }
      if (ok && (!best || literals > best.literals)) best = { operation, params, literals };
    }
    return best ? { operation: best.operation, params: best.params } : null;
  }

  /** Every way `exchange` departs from the spec (empty when it conforms). */
  validateExchange(exchange: LettaExchange): ContractViolation[] {
    const { request, response } = exchange;
    const label = `${request.method} ${request.path} -> ${response.networkError ? "network error" : response.status}`;
    const violations: ContractViolation[] = [];
    // One violation per location; a location's schema errors are joined.
    const add = (location: string, messages: string[]) => {
      if (messages.length > 0) violations.push({ exchange: label, location, message: messages.join("; ") });
    };
    // A deliberately off-spec exchange (a custom injected body, a redirect) is not checked at all.
    if (exchange.exempt) return violations;
    const found = this.findOperation(request.method, request.path);
    if (!found) {
      add("request", [`no operation ${request.method} ${request.path} in the spec`]);
      return violations;
    }
    const { operation, params } = found;

    // Path parameters.
    for (const parameter of operation.spec.parameters ?? []) {
      if (parameter.in !== "path" || !parameter.schema) continue;
      add(`request.path.${parameter.name}`, this.validate(parameter.schema, params[parameter.name]));
    }

    // Query parameters (repeated keys such as `include` are arrays; strings are coerced like FastAPI).
    const declared = new Map((operation.spec.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p]));
    for (const [name, raw] of Object.entries(request.query)) {
      const parameter = declared.get(name);
      if (!parameter) {
        add(`request.query.${name}`, [`unknown query parameter for ${operation.method} ${operation.template}`]);
        continue;
      }
      const values = Array.isArray(raw) ? raw : [raw];
      const schema = parameter.schema ?? {};
      if (this.#allows(schema, "array")) {
        const items = this.#arrayItems(schema);
        add(
          `request.query.${name}`,
          this.validate(
            schema,
            values.map((v) => coerce(v, items, this)),
          ),
        );
      } else if (values.length > 1) {
        add(`request.query.${name}`, ["repeated, but the parameter is not an array"]);
      } else {
        add(`request.query.${name}`, this.validate(schema, coerce(values[0] ?? "", schema, this)));
      }
    }
    for (const parameter of declared.values()) {
      if (parameter.required && !(parameter.name in request.query))
        add(`request.query.${parameter.name}`, ["required parameter missing"]);
    }

    // Request body.
    const bodySchema = operation.spec.requestBody?.content?.["application/json"]?.schema;
    if (request.body !== undefined) {
      if (!bodySchema) add("request.body", ["the operation takes no JSON body"]);
      else add("request.body", this.validate(bodySchema, request.body));
    } else if (operation.spec.requestBody?.required) {
      add("request.body", ["required body missing"]);
    }

    if (response.networkError) return violations;

    // Streamed response.
    if (response.frames) {
      for (const [index, frame] of response.frames.entries()) {
        if (frame.exempt || frame.raw || frame.data === "[DONE]") continue;
        let json: unknown;
        try {
          json = JSON.parse(frame.data);
        } catch {
          add(`sse.frame[${index}]`, [`data is not JSON: ${frame.data.slice(0, 80)}`]);
          continue;
        }
        if (frame.event === undefined) {
          add(`sse.frame[${index}]`, this.validateStreamItem(json));
        } else if (frame.event === "error") {
          add(`sse.frame[${index}]`, this.validateComponent("LettaErrorMessage", withoutNullSeqId(json)));
        } else {
          add(`sse.frame[${index}]`, [`named event "${frame.event}" is not part of LettaStreamingResponse`]);
        }
      }
      return violations;
    }

    // JSON response.
    const documented = operation.spec.responses?.[String(response.status)];
    const schema = documented?.content?.["application/json"]?.schema;
    if (response.status === 422 && isStringDetail(response.body)) {
      add("response.body", this.validate(LETTA_STRING_DETAIL_422, response.body));
    } else if (schema) {
      add("response.body", this.validate(schema, response.body));
    } else if (response.status >= 400) {
      add("response.body", this.validate(LETTA_ERROR_BODY, response.body));
    } else {
      add("response", [`status ${response.status} is not documented for ${operation.method} ${operation.template}`]);
    }
    return violations;
  }

  #resolve(schema: Schema): Schema {
    const ref = schema.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/components/schemas/")) return schema;
    const name = ref.slice("#/components/schemas/".length);
    const resolved = this.#ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`)?.schema;
    return typeof resolved === "object" && resolved !== null ? (resolved as Schema) : schema;
  }

  /** Whether a (possibly `anyOf`) schema admits the JSON type `type`. */
  #allows(schema: Schema, type: string): boolean {
    const s = this.#resolve(schema);
    if (s.type === type || (Array.isArray(s.type) && s.type.includes(type))) return true;
    if (type === "number" && s.type === "integer") return false;
    const branches = [...((s.anyOf as Schema[] | undefined) ?? []), ...((s.oneOf as Schema[] | undefined) ?? [])];
    return branches.some((b) => this.#allows(b, type));
  }

  #arrayItems(schema: Schema): Schema {
    const s = this.#resolve(schema);
    if (s.type === "array") return (s.items as Schema | undefined) ?? {};
    for (const branch of (s.anyOf as Schema[] | undefined) ?? []) {
      const b = this.#resolve(branch);
      if (b.type === "array") return (b.items as Schema | undefined) ?? {};
    }
    return {};
  }

  /** @internal */
  allows(schema: Schema, type: string): boolean {
    return this.#allows(schema, type);
  }
}

/** Converts a query string the way FastAPI would for the schema's type. */
function coerce(value: string, schema: Schema, contract: OpenApiContract): unknown {
  if (
    (contract.allows(schema, "integer") && /^-?\d+$/.test(value)) ||
    (contract.allows(schema, "number") && /^-?\d+(\.\d+)?$/.test(value))
  ) {
    return Number(value);
  }
  if (contract.allows(schema, "boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

function formatParams(params: Record<string, unknown> | undefined): string {
  if (!params) return "";
  const shown = Object.entries(params).filter(([, v]) => typeof v !== "object");
  return shown.length > 0 ? ` (${shown.map(([k, v]) => `${k}: ${String(v)}`).join(", ")})` : "";
}
