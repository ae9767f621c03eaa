/**
 * Live content over real HTTP: the server watches its CONTENT_DIR (a copy of the bundled content
 * here), answers with an article added while it runs, refuses a broken file while the last good
 * knowledge base keeps answering, and finishes a turn on the version it began with.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { formatProblem, INDEX_FILE } from "../../src/knowledge/index.js";
import { buildApp } from "../../src/server/app.js";
import { loggerOptions } from "../../src/server/logger.js";
import { cardsOf, cardTexts, EmulatorUser, type Channel, type Posted, type Wire } from "../helpers/bot-harness.js";
import { article } from "../helpers/content.js";
import { CONTENT_DIR as BUNDLED, seedIndexCache } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";
import { waitFor } from "../helpers/wait.js";

const ZEBRA = article({
  contacts: ["jobcenter-wuppertal"],
  de: { title: "Zebrakurs für Quokkas", questions: ["Wie melde ich mich zum Zebrakurs für Quokkas an?", "Wo findet der Zebrakurs statt?", "Was kostet der Zebrakurs für Quokkas?"], answer: "Die Anmeldung zum Zebrakurs läuft über das Quokka-Büro.", keywords: ["Zebrakurs", "Quokka"] },
  en: { title: "Zebra course for quokkas", questions: ["How do I sign up for the zebra course for quokkas?", "Where is the zebra course held?", "What does the zebra course cost?"], answer: "Sign up for the zebra course at the quokka office.", keywords: ["zebra course", "quokka"] },
});
const WOMBAT = article({
  contacts: ["jobcenter-wuppertal"],
  de: { title: "Wombatpflege im Betrieb", questions: ["Wer hilft bei der Wombatpflege im Betrieb?", "Gibt es Zuschüsse für Wombatpflege?", "Wie organisiere ich Wombatpflege?"], answer: "Die Wombatpflege organisiert der Wombatdienst.", keywords: ["Wombatpflege", "Wombat"] },
  en: { title: "Wombat care at work", questions: ["Who helps with wombat care at work?", "Are there grants for wombat care?", "How do I organise wombat care?"], answer: "The wombat service organises wombat care.", keywords: ["wombat care", "wombat"] },
});
const ZEBRA_FILE = "articles/foerderung/zebrakurs.yaml";
const WOMBAT_FILE = "articles/foerderung/wombatpflege.yaml";

let root: string;
let contentDir: string;
let dataDir: string;
let app: FastifyInstance;
let base: string;
let log = "";

beforeAll(async () => {
  root = tempDir("reload");
  contentDir = path.join(root, "content");
  dataDir = path.join(root, "data");
  cpSync(BUNDLED, contentDir, { recursive: true });
  // Started as after an earlier start: from the index cached in DATA_DIR.
  seedIndexCache(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, CONTENT_DIR: contentDir, LOG_LEVEL: "info", RATE_LIMIT_ASK_PER_MINUTE: "1000000", CONTENT_POLL_SECONDS: "2" });
  expect(config.contentWatch).toBe(true);
  const stream = new Writable({
    write(chunk, _enc, done) {
      log += chunk.toString();
      done();
    },
  });
  app = await buildApp({ config, logger: { ...(loggerOptions("info") as object), stream } });
  await app.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

const write = (rel: string, value: unknown) => writeFileSync(path.join(contentDir, rel), typeof value === "string" ? value : stringify(value));

async function ask(question: string): Promise<{ status: number; body: Wire }> {
  const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  return { status: res.status, body: (await res.json()) as Wire };
}

/**
 * Content changes reach the server through a file watcher, a debounce and a rebuild of the
 * indexes in a worker (seconds on a busy machine): wait up to 60 s.
 */
const until = <T>(what: string, probe: () => T | Promise<T>) => waitFor(probe, { timeout: 60_000, interval: 50, message: what });

const logLines = () => log.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Wire);
const answerId = async (question: string) => (await ask(question)).body.answer?.id as string | undefined;

// A reload builds the indexes and classifiers afresh: about 5 s on an idle machine, several times
// that when CI runs two heavy files beside this one. Each test here waits for at least one.
describe("live content (CONTENT_DIR watched)", { timeout: 120_000 }, () => {
  it("answers with an article added to CONTENT_DIR while the server runs", async () => {
    expect(await answerId("Wie melde ich mich zum Zebrakurs für Quokkas an?")).not.toBe("zebrakurs");
    const before = app.knowledge.status();

    write(ZEBRA_FILE, ZEBRA);
    await until("the new article to answer", async () => (await answerId("Wie melde ich mich zum Zebrakurs für Quokkas an?")) === "zebrakurs");

    const status = app.knowledge.status();
    expect(status.reloads).toBeGreaterThan(before.reloads);
    expect(status.articles).toBe(before.articles + 1);
    expect(status.lastReload).toMatchObject({ ok: true, problems: expect.any(Array) });
    expect(await answerId("Was ist eine Einstiegsqualifizierung?")).toBe("einstiegsqualifizierung");
    const reloaded = logLines().find((l) => l.msg === "knowledge base reloaded" && l.contentHash === status.contentHash);
    expect(reloaded).toMatchObject({ level: 30, articles: status.articles, ms: expect.any(Number) });
    // The next start reads the new version's index instead of rebuilding it.
    expect(JSON.parse(readFileSync(path.join(dataDir, INDEX_FILE), "utf8")).contentHash).toBe(status.contentHash);
  });

  it("refuses a broken file with file:line:col, keeps answering with the last good knowledge base, and recovers once it is fixed", async () => {
    const served = app.knowledge.status().contentHash;
    write(WOMBAT_FILE, "de:\n  title: [Wombatpflege\n  summary: kaputt\n");
    const refused = await until("the broken file to be refused", () => {
      const last = app.knowledge.status().lastReload;
      return last && !last.ok ? last : undefined;
    });
    const shown = refused.problems.map(formatProblem);
    expect(shown.some((p) => /^content\/articles\/foerderung\/wombatpflege\.yaml:\d+:\d+ /.test(p)), shown.join("\n")).toBe(true);
    expect(app.knowledge.status().contentHash).toBe(served);

    // Still serving the last good version, the article added before included.
    expect(await answerId("Wie melde ich mich zum Zebrakurs für Quokkas an?")).toBe("zebrakurs");
    expect(await answerId("Was ist eine Einstiegsqualifizierung?")).toBe("einstiegsqualifizierung");
    const logged = await until("the refusal in the log", () => logLines().find((l) => l.msg === "knowledge base change refused; the last good version keeps serving"));
    expect(logged.level).toBe(50);
    expect(logged.served).toBe(served);
    expect(logged.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^content\/articles\/foerderung\/wombatpflege\.yaml:\d+:\d+ /)]));

    write(WOMBAT_FILE, WOMBAT);
    await until("the fixed article to answer", async () => (await answerId("Wer hilft bei der Wombatpflege im Betrieb?")) === "wombatpflege");
    expect(app.knowledge.status().lastReload).toMatchObject({ ok: true });
  });

  it("answers every question asked while a new version is swapped in", async () => {
    const asked: Promise<{ status: number; body: Wire }>[] = [];
    let swapping = true;
    const traffic = (async () => {
      while (swapping) {
        asked.push(ask("Was ist eine Einstiegsqualifizierung?"));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    write(WOMBAT_FILE, { ...WOMBAT, owner: "Jemand anderes" });
    const result = await app.knowledge.reload("test");
    swapping = false;
    await traffic;
    const answers = await Promise.all(asked);
    expect(result).toMatchObject({ ok: true });
    expect(asked.length).toBeGreaterThan(1);
    for (const a of answers) expect([a.status, a.body.answer?.id]).toEqual([200, "einstiegsqualifizierung"]);
  });

  it("finishes a bot turn on the version it began with, even when the article goes away mid-turn", async () => {
    const channel = await gatedChannel();
    // Runs even when the test times out: a held reply would otherwise keep the bot's turn, and
    // with it app.close() in afterAll, waiting for ever.
    onTestFinished(() => channel.close());
    const user = new EmulatorUser({ app, url: base, close: async () => {} }, channel, "normal");
    // A question about one person's case: the bot first says where such cases are decided,
    // waits for the channel, then sends the article's card.
    const held = channel.holdNext();
    const turn = user.say("Sein Antrag auf den Zebrakurs für Quokkas wurde abgelehnt, was passiert jetzt?");
    await held.arrived;

    rmSync(path.join(contentDir, ZEBRA_FILE));
    expect(await app.knowledge.reload("test")).toMatchObject({ ok: true, changed: true });
    expect(app.knowledge.article("zebrakurs")).toBeUndefined();
    held.release();

    const { status, replies } = await turn;
    expect(status).toBe(200);
    const titles = cardsOf(replies).flatMap(cardTexts);
    expect(titles).toContain("Zebrakurs für Quokkas");
    // The next turn sees the new version.
    const next = await user.say("Wie melde ich mich zum Zebrakurs für Quokkas an?");
    expect(cardsOf(next.replies).flatMap(cardTexts)).not.toContain("Zebrakurs für Quokkas");
  });
});

describe("CONTENT_WATCH=false", { timeout: 120_000 }, () => {
  it("serves without watching, starts from the index cached by the last reload, and still reloads on request", async () => {
    const otherData = path.join(root, "data-unwatched");
    mkdirSync(otherData);
    copyFileSync(path.join(dataDir, INDEX_FILE), path.join(otherData, INDEX_FILE));
    let otherLog = "";
    const stream = new Writable({
      write(chunk, _enc, done) {
        otherLog += chunk.toString();
        done();
      },
    });
    const config = loadConfig({ DATA_DIR: otherData, CONTENT_DIR: contentDir, LOG_LEVEL: "info", CONTENT_WATCH: "false" });
    const other = await buildApp({ config, logger: { ...(loggerOptions("info") as object), stream } });
    try {
      const lines = otherLog.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Wire);
      expect(lines.find((l) => l.msg === "knowledge base loaded")).toMatchObject({ index: "cache", contentHash: app.knowledge.status().contentHash });
      expect(lines.some((l) => l.msg === "watching the content folder for changes")).toBe(false);
      write(WOMBAT_FILE, { ...WOMBAT, owner: "Noch jemand" });
      expect(await other.knowledge.reload("publish")).toMatchObject({ ok: true, changed: true });
    } finally {
      await other.close();
    }
  });
});

describe("configuration", () => {
  it("reads CONTENT_WATCH and CONTENT_POLL_SECONDS, with watching on every 10 s by default", () => {
    expect(loadConfig({})).toMatchObject({ contentWatch: true, contentPollSeconds: 10 });
    expect(loadConfig({ CONTENT_WATCH: "false", CONTENT_POLL_SECONDS: "0" })).toMatchObject({ contentWatch: false, contentPollSeconds: 0 });
  });

  it.each([
    ["CONTENT_WATCH", "yes"],
    ["CONTENT_WATCH", "<script>"],
    ["CONTENT_POLL_SECONDS", "-1"],
    ["CONTENT_POLL_SECONDS", "1.5"],
    ["CONTENT_POLL_SECONDS", "9".repeat(400)],
    ["CONTENT_POLL_SECONDS", "often"],
  ])("refuses %s=%s naming the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\n\\s+${name}: `));
  });
});

/** The Emulator's connector side (as in bot-harness), able to hold its answer to the next activity. */
async function gatedChannel(): Promise<Channel & { holdNext(): { arrived: Promise<void>; release(): void } }> {
  const posted: Posted[] = [];
  let hold: { arrive: () => void; released: Promise<void> } | undefined;
  const releases: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    const answer = async (): Promise<void> => {
      const url = req.url ?? "";
      if (req.method !== "POST" || !/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(url)) {
        res.writeHead(404).end();
        return;
      }
      const id = randomUUID();
      posted.push({ method: "POST", path: decodeURIComponent(url), activity: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Wire, id });
      const current = hold;
      hold = undefined;
      if (current) {
        current.arrive();
        await current.released;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id }));
    };
    // A malformed post fails that request (the test then sees it), not the test process.
    req.on("end", () => void answer().catch(() => res.writeHead(500).end()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    close: () => {
      // A reply still held is released first, so that no turn of the bot waits on this channel.
      for (const release of releases) release();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
    holdNext() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      releases.push(release);
      hold = { arrive, released };
      return { arrived, release };
    },
  };
}
