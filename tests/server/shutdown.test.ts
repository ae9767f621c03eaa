/**
 * Shutting down while a browser is mid-request: the answer still arrives, then the server ends
 * the connection instead of keeping it alive, so close() (SIGTERM, a restart) does not wait for
 * the browser's kept-alive connection until keepAliveTimeout.
 */
import { request, Agent, type IncomingMessage } from "node:http";
import { expect, it } from "vitest";
import { startLotse, tempDataDir } from "../helpers/bot-harness.js";

it("answers a request running when close() starts, ends its kept-alive connection, and closes", async () => {
  const lotse = await startLotse(tempDataDir());
  const agent = new Agent({ keepAlive: true });
  try {
    const body = JSON.stringify({ question: "Was ist eine Einstiegsqualifizierung?" });
    const { hostname, port } = new URL(lotse.url);
    const req = request({ hostname, port, path: "/api/ask", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } });
    const response = new Promise<IncomingMessage>((resolve, reject) => req.on("response", resolve).on("error", reject));
    // The request is under way (the server has its headers, not yet its body) when the server starts closing.
    const arrived = new Promise((resolve) => lotse.app.server.once("request", resolve));
    req.write(body.slice(0, 10));
    await arrived;
    const closed = lotse.close();
    req.end(body.slice(10));
    const res = await response;
    const socketClosed = new Promise((resolve) => res.socket.once("close", resolve));
    let text = "";
    for await (const chunk of res) text += chunk;
    expect(res.statusCode).toBe(200);
    expect((JSON.parse(text) as { answer: { id: string } }).answer.id).toBe("einstiegsqualifizierung");
    expect(res.headers.connection).toBe("close");
    await socketClosed;
    await closed;
  } finally {
    agent.destroy();
  }
});
