/**
 * Several nodes sharing one PostgreSQL database, each with its own CONTENT_DIR: a publish on one
 * node reaches every other node's folder and knowledge base through the versions in the database
 * and a "knowledge" signal; a node that starts later catches up; a node that has not caught up
 * cannot publish over a newer version.
 */
import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CurationError, CurationService, type CurationKnowledge } from "../../src/curation/curation-service.js";
import type { Person } from "../../src/curation/schemas.js";
import { LiveKnowledge } from "../../src/knowledge/index.js";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { createSignals, signalsReady, type Signals } from "../../src/storage/signals.js";
import { createPostgresDatabase, postgresAvailable } from "../helpers/database.js";
import { openEngine } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";
import { waitFor } from "../helpers/wait.js";

const ANNA: Person = { id: "token:anna", name: "Anna Lotsin" };
const BERND: Person = { id: "token:bernd", name: "Bernd Lotse" };
const ARTICLE = "eingliederungszuschuss";
const FILE = "articles/foerderung/eingliederungszuschuss.yaml";
const SUMMARY = "Der Eingliederungszuschuss gleicht Minderleistung aus: auf Knoten A veröffentlicht.";

interface Node {
  name: string;
  contentDir: string;
  database: LotseDatabase;
  signals: Signals;
  live: LiveKnowledge;
  service: CurationService;
  /** Every reload the node's curation asked for, by reason. */
  reloads: string[];
}

let url: string;
let drop: () => Promise<void>;
const nodes: Node[] = [];

async function startNode(name: string, { follow = true } = {}): Promise<Node> {
  const contentDir = path.join(tempDir(`node-${name}`), "content");
  cpSync(path.resolve("content"), contentDir, { recursive: true });
  const database = await openDatabase({ dataDir: ":memory:", databaseUrl: url, poolSize: 4 });
  const signals = createSignals(database);
  await signalsReady(signals);
  const live = new LiveKnowledge({ engine: openEngine(contentDir), contentDir });
  const reloads: string[] = [];
  const knowledge: CurationKnowledge = {
    get current() {
      return live.current;
    },
    reload: (reason) => {
      reloads.push(reason ?? "");
      return live.reload(reason);
    },
  };
  const service = new CurationService({ db: database.db, contentDir, knowledge, fourEyes: true, audit: () => undefined, signals, shared: true });
  const node = { name, contentDir, database, signals, live, service, reloads };
  nodes.push(node);
  if (follow) await service.start();
  return node;
}

const fileOf = (node: Node, rel = FILE) => readFileSync(path.join(node.contentDir, ...rel.split("/")), "utf8");

/** Publishes an edit of the article's summary from `node`. */
async function publishSummary(node: Node, articleId: string, summary: string) {
  const d = await node.service.createDraft({ articleId }, ANNA);
  const saved = await node.service.save(d.id, d.revision, { ...d.draft, de: { ...d.draft.de, summary } }, ANNA);
  const submitted = await node.service.submit(saved.id, saved.revision, ANNA);
  return node.service.approve(submitted.id, submitted.revision, BERND);
}

describe.runIf(postgresAvailable())("knowledge published on one node, on every node", () => {
  let a: Node;
  let b: Node;

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase());
    a = await startNode("a");
    b = await startNode("b");
  });
  afterAll(async () => {
    for (const node of nodes.splice(0)) {
      await node.service.close();
      await node.live.close();
      await node.signals.close();
      await node.database.close();
    }
    await drop?.();
  });

  it("writes a publish from node A into node B's folder and knowledge base; A does not reload again", async () => {
    const { version } = await publishSummary(a, ARTICLE, SUMMARY);
    expect(version.version).toBe(2);
    await waitFor(() => b.live.current.article(ARTICLE)?.de.summary === SUMMARY, { timeout: 20_000, message: "node B serving A's publish" });
    expect(fileOf(b)).toBe(fileOf(a));
    expect(b.reloads).toEqual([`published on another node: ${ARTICLE}`]);
    // A got its own signal too; a catch-up now runs after the one it started, and finds nothing to do.
    expect(await a.service.syncContent("probe")).toEqual([]);
    expect(a.reloads).toEqual([`publish ${ARTICLE}`]);
  });

  it("brings a new article into its area folder on the other node", async () => {
    const d = await b.service.createDraft({ questions: ["Wo finde ich eine Kita für die Kinder meiner Mitarbeiterin?"] }, ANNA);
    const template = (await b.service.articleDetail("integrationskurs")).article as Record<string, unknown> & { de: object; en: object };
    const draft = {
      ...template, id: "kita-platz", area: "sozialleistungen", related: [],
      de: { ...template.de, title: "Kita-Platz finden", questions: [...d.draft.de!.questions!, "Wie bekomme ich einen Kita-Platz in Wuppertal?", "Wer hilft bei der Kita-Suche?"] },
      en: { ...template.en, title: "Finding a Kita place", questions: ["How do I find a Kita place?", "Who helps with finding a daycare?", "Is there daycare in Wuppertal?"] },
      uk: { questions: ["Як знайти місце в дитсадку?", "Хто допомагає з дитсадком?", "Чи є дитсадки у Вупперталі?"] },
      ar: { questions: ["كيف أجد مكاناً في الروضة؟", "من يساعد في البحث عن روضة؟", "هل توجد روضات في فوبرتال؟"] },
    };
    const saved = await b.service.save(d.id, d.revision, draft, ANNA);
    const submitted = await b.service.submit(saved.id, saved.revision, ANNA);
    await b.service.approve(submitted.id, submitted.revision, BERND);
    await waitFor(() => a.live.current.article("kita-platz"), { timeout: 20_000, message: "node A serving B's new article" });
    expect(fileOf(a, "articles/sozialleistungen/kita-platz.yaml")).toBe(fileOf(b, "articles/sozialleistungen/kita-platz.yaml"));
  });

  it("catches a node up when it starts", async () => {
    const c = await startNode("c");
    // start() resolves after the catch-up: the files are there, and served.
    expect(fileOf(c)).toBe(fileOf(a));
    expect(existsSync(path.join(c.contentDir, "articles/sozialleistungen/kita-platz.yaml"))).toBe(true);
    expect(c.live.current.article(ARTICLE)?.de.summary).toBe(SUMMARY);
    expect(c.live.current.article("kita-platz")).toBeDefined();
  });

  it("refuses a publish from a node that has not caught up, and puts its file back", async () => {
    const stale = await startNode("stale", { follow: false });
    const before = fileOf(stale);
    expect(before).not.toBe(fileOf(a));
    const d = await stale.service.createDraft({ articleId: ARTICLE }, ANNA);
    const saved = await stale.service.save(d.id, d.revision, { ...d.draft, owner: "Altes Team" }, ANNA);
    const submitted = await stale.service.submit(saved.id, saved.revision, ANNA);
    const err = await stale.service.approve(submitted.id, submitted.revision, BERND).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CurationError);
    expect(err).toMatchObject({ status: 409, code: "article_changed", params: { articleId: ARTICLE, version: 2 } });
    expect(fileOf(stale)).toBe(before);
    expect((await stale.service.versions(ARTICLE)).versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await stale.service.draft(submitted.id)).status).toBe("review");
    // The other nodes still serve A's version.
    expect(b.live.current.article(ARTICLE)?.de.summary).toBe(SUMMARY);
  });
});
