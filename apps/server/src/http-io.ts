/** Reading JSON bodies and writing JSON answers, with the error mapping in one place. */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  isPantryError,
  isTransientRedisError,
  PantryError,
  type PantryErrorCode,
  type RedactOptions,
  redactSecrets,
  redactValue,
  SECURITY_HEADERS,
} from "@pantry/core";

const STATUS: Record<PantryErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FAILED_PRECONDITION: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  CANCELLED: 409,
  GONE: 410,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INTERNAL: 500,
};

export function statusOf(code: PantryErrorCode): number {
  return STATUS[code];
}

export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limitBytes) throw tooLarge(declared, limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw tooLarge(size, limitBytes);
    chunks.push(chunk as Buffer);
  }
  const text = chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new PantryError("INVALID_ARGUMENT", "the request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PantryError("INVALID_ARGUMENT", `the request body is not valid JSON: ${reason}`);
  }
}

function tooLarge(size: number, limit: number): PantryError {
  return new PantryError("PAYLOAD_TOO_LARGE", `the request body is ${size} bytes; the limit is ${limit} bytes`, {
    limit,
  });
}

export function sendJsonText(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/**
 * `{"error": {code, message, details}, "detail": message}`: `detail` is what FastAPI (Feast's
 * Python server) answers, so existing clients find the message where they look for it. Secrets
 * and absolute paths outside the served repos are redacted from both.
 */
export function sendError(
  response: ServerResponse,
  error: unknown,
  onInternal: (error: unknown) => void,
  redact: RedactOptions = { allowedRoots: [] },
): void {
  // A Redis failure that escaped the store's own mapping (cluster down, a failover, a lost
  // connection) is still an outage the client should retry, not a 500.
  if (!isPantryError(error) && error instanceof Error && isTransientRedisError(error.message)) {
    sendError(
      response,
      new PantryError("UNAVAILABLE", `the online store is unavailable: ${error.message}; retry shortly`, {
        store: "redis",
      }),
      onInternal,
      redact,
    );
    return;
  }
  if (!isPantryError(error)) {
    onInternal(error);
    sendJson(response, 500, {
      error: { code: "INTERNAL", message: "internal error; see the server log" },
      detail: "internal error",
    });
    return;
  }
  const status = statusOf(error.code);
  if (status >= 500 && error.code !== "UNAVAILABLE") onInternal(error);
  const headers: Record<string, string> = status === 503 ? { "retry-after": "1" } : {};
  const message = redactSecrets(error.message, redact);
  sendJson(
    response,
    status,
    { error: { code: error.code, message, details: redactValue(error.details, redact) }, detail: message },
    headers,
  );
}
