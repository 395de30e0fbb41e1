import type { RecordedRequest } from "./letta-exchange.js";

/** Records a request as the emulator reports it: query with repeated keys as arrays, lower-cased headers, JSON body parsed. */
export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  let body: unknown;
  const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text();
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { method: request.method, url: request.url, path: url.pathname, query, body, headers };
}
