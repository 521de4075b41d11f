import { createServer } from "node:http";
import { PantryError } from "@pantry/core";
import { describe, expect, it } from "vitest";
import { sendError } from "../src/http-io";

/** What a client gets when a handler fails with `error` (a real node:http server on loopback). */
async function answerTo(error: unknown) {
  const internal: unknown[] = [];
  const server = createServer((_request, response) => sendError(response, error, (e) => internal.push(e)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  try {
    const response = await fetch(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`);
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body: await response.json(),
      internal,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe("sendError", () => {
  it("answers 503 with Retry-After for Redis outages that reached it unmapped (cluster down, failover, lost connection)", async () => {
    for (const message of [
      "CLUSTERDOWN The cluster is down",
      "Too many Cluster redirections. Last error: Error: Connection is closed.",
    ]) {
      const answer = await answerTo(new Error(message));
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe("1");
      expect(answer.body).toMatchObject({ error: { code: "UNAVAILABLE" } });
      expect(answer.body.detail).toBe(`the online store is unavailable: ${message}; retry shortly`);
      expect(answer.internal).toEqual([]);
    }
  });

  it("keeps 500 for real bugs and the codes of PantryErrors", async () => {
    const bug = await answerTo(new TypeError("x is undefined"));
    expect(bug.status).toBe(500);
    expect(bug.internal).toHaveLength(1);
    expect((await answerTo(new PantryError("NOT_FOUND", "no view 'x'"))).status).toBe(404);
  });
});
