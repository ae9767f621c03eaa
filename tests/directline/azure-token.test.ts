/**
 * Deployments registered in Azure: the widget's token comes from Azure's Direct Line, exchanged
 * by Lotse so that the secret never reaches a browser. A local stand-in plays Azure.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";

const SECRET = "azure-direct-line-secret-0123456789";

describe("widget token from Azure Direct Line", () => {
  let azure: Server;
  let endpoint: string;
  const seen: { auth?: string; path?: string }[] = [];
  let lotse: Lotse;

  beforeAll(async () => {
    azure = createServer((req, res) => {
      seen.push({ auth: req.headers.authorization, path: req.url });
      if (req.headers.authorization !== `Bearer ${SECRET}`) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ conversationId: "AzConv-123", token: "azure.jwt.token", expires_in: 3600 }));
    });
    await new Promise<void>((resolve) => azure.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    lotse = await startLotse(tempDataDir(), { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `${endpoint}/` });
  });
  afterAll(async () => {
    await lotse?.close();
    await new Promise((resolve) => azure.close(resolve));
  });

  it("exchanges the secret for a conversation token; the secret stays on the server", async () => {
    const res = await fetch(`${lotse.url}/api/widget/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ conversationId: "AzConv-123", token: "azure.jwt.token", expires_in: 3600, domain: endpoint, webSocket: true });
    expect(text).not.toContain(SECRET);
    expect(seen.at(-1)).toEqual({ auth: `Bearer ${SECRET}`, path: "/v3/directline/tokens/generate" });
  });

  it("turns its own Direct Line off", async () => {
    expect((await fetch(`${lotse.url}/v3/directline/tokens/generate`, { method: "POST" })).status).toBe(404);
  });

  it("answers 502 with a clear message when Azure cannot be reached", async () => {
    await new Promise((resolve) => azure.close(resolve));
    const res = await fetch(`${lotse.url}/api/widget/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error: "directline_unavailable", message: "the chat service is not reachable; try again later" });
  });
});
