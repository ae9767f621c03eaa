/** POST /api/ask over real HTTP, as other tools call it. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { AskResult } from "../../src/knowledge/contract.js";
import { buildApp } from "../../src/server/app.js";
import { bundledEngine, CONTENT_DIR } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: tempDir("api"), CONTENT_DIR, LOG_LEVEL: "silent" });
  app = await buildApp({ config, engine: bundledEngine() });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await app.close();
});

const post = (body: string, contentType = "application/json") =>
  fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": contentType }, body });

describe("POST /api/ask", () => {
  it("answers a question with the ask contract", async () => {
    const res = await post(JSON.stringify({ question: "Was ist eine Einstiegsqualifizierung?" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(AskResult.parse(body)).toMatchObject({ outcome: "answer", language: "de", answer: { id: "einstiegsqualifizierung" } });
  });

  it("honours language and audience", async () => {
    const res = await post(JSON.stringify({ question: "Was ist eine Einstiegsqualifizierung?", language: "en", audience: "employer" }));
    const body = await res.json();
    expect(body.language).toBe("en");
    expect(body.answer.title).toMatch(/Entry qualification/);
  });

  it.each([
    ["empty question", JSON.stringify({ question: "" }), /question must not be empty/, "bad_request"],
    ["blank question", JSON.stringify({ question: "   " }), /question must not be empty/, "bad_request"],
    ["too long question", JSON.stringify({ question: "a".repeat(1001) }), /at most 1000 characters/, "bad_request"],
    ["wrong type", JSON.stringify({ question: 42 }), /expected string/, "bad_request"],
    ["unknown field", JSON.stringify({ question: "Hallo", admin: true }), /admin/, "bad_request"],
    ["bad language", JSON.stringify({ question: "Hallo", language: "fr" }), /language/, "bad_request"],
    ["bad audience", JSON.stringify({ question: "Hallo", audience: "boss" }), /audience/, "bad_request"],
    ["missing question", JSON.stringify({}), /question/, "bad_request"],
    ["array body", JSON.stringify(["Hallo"]), /object/, "bad_request"],
    ["malformed JSON", "{\"question\": ", /JSON/i, "ctp_invalid_json_body"],
  ])("rejects %s with 400 and a JSON error", async (_name, body, message, error) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error).toBe(error);
    expect(JSON.stringify(json)).toMatch(message);
  });

  it("rejects a body over the size limit with 413", async () => {
    const res = await post(JSON.stringify({ question: "x".repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "ctp_body_too_large", message: "Request body is too large" });
  });

  it("rejects other content types with 415", async () => {
    const res = await post("question=Hallo", "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
  });

  it("treats hostile text as a question, never as a server error", async () => {
    for (const q of ["field:title^10 ~2 -+", "<script>alert(1)</script>", "'; DROP TABLE x; --", "\u0000\u202e"]) {
      const res = await post(JSON.stringify({ question: q }));
      expect(res.status, q).toBe(200);
      expect((await res.json()).outcome).toBe("none");
    }
  });

  it("serves health, readiness, the home page and JSON 404s", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).articles).toBeGreaterThanOrEqual(15);
    const home = await fetch(`${base}/`);
    const page = await home.text();
    for (const endpoint of ["POST /api/ask", "POST /api/messages", "GET /console"]) expect(page).toContain(endpoint);
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("not_found");
  });
});
