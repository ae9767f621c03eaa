/**
 * The OpenAPI document at /docs/json over real HTTP: its shape, that it matches the routes Fastify
 * really serves (both ways), that zod's constraints reach it, and Swagger UI at /docs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TICKET_LIMITS } from "../../src/handoff/ticket-store.js";
import { MAX_QUESTION_LENGTH } from "../../src/knowledge/contract.js";
import { PAGE_SECURITY_HEADERS } from "../../src/server/plugins/console.js";
import { startLotse, tempDataDir, type Lotse, type Wire } from "../helpers/bot-harness.js";

let lotse: Lotse;
let doc: Wire;

beforeAll(async () => {
  lotse = await startLotse(tempDataDir());
  const res = await fetch(`${lotse.url}/docs/json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Wire;
});
afterAll(() => lotse.close());

const METHODS = ["get", "put", "post", "delete", "patch", "options"] as const;

/** The routes Fastify serves, "METHOD /path/:param", from its own route tree (HEAD, added for every GET, left out). */
function servedRoutes(): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of lotse.app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^(.*?)(?:└── |├── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join("");
    for (const method of (m[3] ?? "").split(", ").filter((x) => x && x !== "HEAD")) routes.add(`${method} ${path}`);
  }
  return routes;
}

/** "METHOD /path/:param" for every operation in the document. */
function documentedRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Wire>)) {
    for (const method of METHODS) if (item[method]) routes.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`);
  }
  return routes;
}

/** A WebSocket upgrade cannot be described in OpenAPI; @fastify/websocket hides it, the Direct Line tag names it. */
const WEBSOCKET_ROUTES = ["GET /v3/directline/conversations/:conversationId/stream"];

const isApi = (route: string) => / \/(api|v3)\//.test(route);

describe("OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with paths, tags and the bearer schemes", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe("Lotse API");
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(doc.components.securitySchemes).toMatchObject({
      consoleBearer: { type: "http", scheme: "bearer" },
      directLineBearer: { type: "http", scheme: "bearer" },
    });
    expect(doc.tags.map((t: Wire) => t.name)).toEqual(expect.arrayContaining(["ask", "Direct Line", "console", "curation", "teams channel"]));
  });

  it("documents every route under /api and /v3 with its methods, and nothing that is not served", () => {
    const served = servedRoutes();
    const documented = documentedRoutes();
    // The parser found the tree: known routes of each capability are there.
    for (const route of ["POST /api/ask", "POST /api/console/drafts/:id/approve", "DELETE /api/console/teams-channel", "GET /v3/directline/conversations/:conversationId/activities"]) {
      expect(served).toContain(route);
    }

    const undocumented = [...served].filter((r) => isApi(r) && !documented.has(r) && !WEBSOCKET_ROUTES.includes(r));
    expect(undocumented).toEqual([]);
    const phantom = [...documented].filter((r) => !served.has(r));
    expect(phantom).toEqual([]);
    for (const route of ["GET /healthz", "POST /api/messages", "POST /api/widget/token"]) expect(documented).toContain(route);
  });

  it("hides pages and static assets", () => {
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => !/^\/(api|v3)\/|^\/(healthz|readyz)$/.test(p))).toEqual([]);
  });

  it("carries the zod constraints of the request bodies", () => {
    const ask = doc.paths["/api/ask"].post.requestBody.content["application/json"].schema;
    expect(ask.properties.question).toMatchObject({ type: "string", minLength: 1, maxLength: MAX_QUESTION_LENGTH });
    expect(ask.required).toEqual(["question"]);
    expect(ask.additionalProperties).toBe(false);

    const reply = doc.paths["/api/console/tickets/{id}/reply"].post;
    expect(reply.requestBody.content["application/json"].schema.properties.text).toMatchObject({ minLength: 1, maxLength: TICKET_LIMITS.message });
    expect(reply.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: "path", name: "id", required: true })]));
  });

  it("marks who may call what", () => {
    expect(doc.paths["/api/console/me"].get.security).toEqual([{ consoleBearer: [] }]);
    expect(doc.paths["/api/console/drafts"].post).toMatchObject({ tags: ["curation"], security: [{ consoleBearer: [] }] });
    expect(doc.paths["/api/console/teams-channel"].get.tags).toEqual(["teams channel"]);
    expect(doc.paths["/v3/directline/conversations/{conversationId}/activities"].post.security).toEqual([{ directLineBearer: [] }]);
    expect(doc.paths["/v3/directline/tokens/generate"].post.security).toBeUndefined();
    expect(doc.paths["/api/ask"].post.security).toBeUndefined();
  });
});

describe("Swagger UI", () => {
  it("serves /docs as HTML under its own CSP and leaves the console's alone", async () => {
    const res = await fetch(`${lotse.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain('id="swagger-ui"');
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/connect-src 'self';/);
    expect(csp).not.toMatch(/unsafe/);

    const script = await fetch(`${lotse.url}/docs/static/swagger-initializer.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("SwaggerUIBundle");

    const consolePage = await fetch(`${lotse.url}/console`);
    expect(consolePage.headers.get("content-security-policy")).toBe(PAGE_SECURITY_HEADERS["content-security-policy"]);
  });

  it("is absent with OPENAPI_ENABLED=false", async () => {
    const off = await startLotse(tempDataDir(), { OPENAPI_ENABLED: "false" });
    try {
      expect((await fetch(`${off.url}/docs`)).status).toBe(404);
      expect((await fetch(`${off.url}/docs/json`)).status).toBe(404);
      expect((await fetch(`${off.url}/healthz`)).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
