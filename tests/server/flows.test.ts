/** Broad questions start a guided referral through POST /api/ask and the ask CLI. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { AskResult } from "../../src/knowledge/contract.js";
import { buildApp } from "../../src/server/app.js";
import { bundledEngine, CONTENT_DIR } from "../helpers/engine.js";
import { runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: tempDir("flows"), CONTENT_DIR, LOG_LEVEL: "silent" });
  app = await buildApp({ config, engine: bundledEngine() });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await app.close();
});

const ask = async (body: object) => {
  const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return AskResult.strict().parse(await res.json());
};

describe("POST /api/ask with a broad question", () => {
  it.each([
    ["Welche Förderung gibt es?", "welche-foerderung", "vorhaben"],
    ["Was muss ich beachten?", "aufenthaltspapier-arbeit", "papier"],
    ["Welches Amt ist zuständig?", "zustaendige-stelle", "anliegen"],
    ["Darf der arbeiten, welche Papiere?", "aufenthaltspapier-arbeit", "papier"],
  ])("%j starts the flow at its first step", async (question, id, step) => {
    const body = await ask({ question });
    expect(body).toMatchObject({ outcome: "flow", language: "de", answer: null, flow: { id, step: { id: step } } });
    for (const o of body.flow!.step.options) expect([o.next, o.article, o.referral].filter(Boolean)).toHaveLength(1);
  });

  it("returns the flow in the chosen language", async () => {
    const body = await ask({ question: "Welche Förderung gibt es?", language: "en" });
    expect(body.flow).toMatchObject({ id: "welche-foerderung", title: "Guide: which funding fits?", step: { question: "What do you plan?" } });
    expect(body.flow!.step.options[0]).toEqual({ label: "Hire someone", next: "einstellen" });
  });

  it("leaves specific questions to the articles", async () => {
    const body = await ask({ question: "Was ist eine Einstiegsqualifizierung?" });
    expect(body.outcome).toBe("answer");
    expect(body).not.toHaveProperty("flow");
  });
});

describe("ask CLI with a broad question", () => {
  const dataDir = tempDir("flows-cli");

  it("prints the flow in --json", async () => {
    const r = await runScript("ask.ts", ["--json", "Welches Amt ist zuständig?"], { DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    const obj = AskResult.strict().parse(JSON.parse(r.stdout));
    expect(obj).toMatchObject({ outcome: "flow", flow: { id: "zustaendige-stelle", step: { id: "anliegen", question: "Worum geht es?" } } });
  });

  it("prints the first question and where each option leads", async () => {
    const r = await runScript("ask.ts", ["Welche Förderung gibt es?"], { DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Wegweiser: Welche Förderung passt?");
    expect(r.stdout).toContain("Was haben Sie vor?");
    expect(r.stdout).toContain("  3. Beschäftigte weiterbilden → weiterbildung-bildungsgutschein");
    expect(r.stdout).toContain("  5. Mich persönlich beraten lassen → Stelle: arbeitgeber-service");
  });
});
