/** LiveKnowledge: the served engine swapped when the content changes, broken content refused. */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { formatProblem, INDEX_FILE, KnowledgeStatus, LiveKnowledge, openKnowledgeEngine, ReloadResult, type KnowledgeEngine } from "../../src/knowledge/index.js";
import { article, makeContent } from "../helpers/content.js";
import { tempDir } from "../helpers/temp.js";

const temps: string[] = [];
const lives: LiveKnowledge[] = [];
afterEach(async () => {
  await Promise.all(lives.splice(0).map((l) => l.close()));
});
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const ZUSCHUSS = article({
  de: { title: "Eingliederungszuschuss", questions: ["Gibt es einen Lohnkostenzuschuss?", "Zuschuss zum Lohn für neue Mitarbeiter?", "Was ist der Eingliederungszuschuss?"], answer: "Ja, den Eingliederungszuschuss.", keywords: ["Lohnkostenzuschuss"] },
  en: { title: "Integration subsidy", questions: ["Is there a wage subsidy?", "Subsidy for new employees?", "What is the integration subsidy?"], answer: "Yes, the integration subsidy.", keywords: ["wage subsidy"] },
});
const KITA = article({
  de: { title: "Kinderbetreuung für Azubis", questions: ["Wer betreut mein Kind während der Ausbildung?", "Gibt es einen Kitaplatz für Auszubildende?", "Kinderbetreuung in der Ausbildung?"], answer: "Die Kita-Vermittlung hilft.", keywords: ["Kita"] },
  en: { title: "Childcare for apprentices", questions: ["Who looks after my child during the apprenticeship?", "Is there a nursery place for apprentices?", "Childcare during training?"], answer: "The nursery service helps.", keywords: ["nursery"] },
});

function setup() {
  const contentDir = makeContent({ "articles/foerderung/eingliederungszuschuss.yaml": ZUSCHUSS });
  const dataDir = tempDir("live");
  temps.push(path.dirname(contentDir), dataDir);
  const { engine } = openKnowledgeEngine({ contentDir, decision: defaultDecisionConfig() });
  const live = new LiveKnowledge({ engine, contentDir, dataDir });
  lives.push(live);
  const write = (rel: string, value: unknown) => writeFileSync(path.join(contentDir, rel), typeof value === "string" ? value : stringify(value));
  return { contentDir, dataDir, engine, live, write };
}

const KITA_QUESTION = "Wer betreut mein Kind während der Ausbildung?";

describe("LiveKnowledge", () => {
  it("swaps in a changed knowledge base; a snapshot taken before keeps answering as before", async () => {
    const { engine, live, dataDir, write } = setup();
    const swaps: [KnowledgeEngine, KnowledgeEngine][] = [];
    live.onSwap((next, previous) => swaps.push([next, previous]));
    const before = live.current;
    expect(live.ask(KITA_QUESTION).answer?.id).not.toBe("kinderbetreuung");

    write("articles/foerderung/kinderbetreuung.yaml", KITA);
    const result = await live.reload("test");

    expect(ReloadResult.parse(result)).toMatchObject({ ok: true, changed: true, problems: [] });
    expect(live.ask(KITA_QUESTION)).toMatchObject({ outcome: "answer", answer: { id: "kinderbetreuung" } });
    expect(live.articles.map((a) => a.id).sort()).toEqual(["eingliederungszuschuss", "kinderbetreuung"]);
    expect(live.article("kinderbetreuung")?.de.title).toBe("Kinderbetreuung für Azubis");
    expect(live.render("kinderbetreuung", "en")?.title).toBe("Childcare for apprentices");
    expect(live.kb.contentHash).toBe(result.contentHash);
    expect(swaps).toEqual([[live.current, engine]]);
    // The turn that took its snapshot before the swap finishes on the old knowledge base.
    expect(before.article("kinderbetreuung")).toBeUndefined();
    expect(before.ask("Gibt es einen Lohnkostenzuschuss?").answer?.id).toBe("eingliederungszuschuss");

    const status = KnowledgeStatus.parse(live.status());
    expect(status).toMatchObject({ contentHash: result.contentHash, articles: 2, reloads: 1, lastReload: { ok: true, reason: "test", problems: [] } });
    // The next start finds a fresh cached index.
    expect(JSON.parse(readFileSync(path.join(dataDir, INDEX_FILE), "utf8")).contentHash).toBe(result.contentHash);
  });

  it("does nothing when the content has not changed", async () => {
    const { live, engine } = setup();
    const reloads: string[] = [];
    live.onReload((_r, reason) => reloads.push(reason));
    const result = await live.reload("poll");
    expect(result).toMatchObject({ ok: true, changed: false, contentHash: engine.kb.contentHash });
    expect(live.current).toBe(engine);
    expect(live.status()).toMatchObject({ reloads: 0, lastReload: null });
    expect(reloads).toEqual([]);
  });

  it("refuses broken YAML with file:line:col, keeps answering with the last good knowledge base, and recovers", async () => {
    const { live, engine, contentDir, write } = setup();
    const logged: { ok: boolean; reason: string }[] = [];
    live.onReload((r, reason) => logged.push({ ok: r.ok, reason }));

    write("articles/foerderung/kinderbetreuung.yaml", "de:\n  title: [Kinderbetreuung\n  summary: ok\n");
    const refused = await live.reload("deploy");
    expect(refused).toMatchObject({ ok: false, changed: false });
    expect(refused.contentHash).not.toBe(engine.kb.contentHash);
    const shown = refused.problems.map(formatProblem);
    expect(shown.some((p) => /^content\/articles\/foerderung\/kinderbetreuung\.yaml:\d+:\d+ /.test(p)), shown.join("\n")).toBe(true);
    expect(refused.problems.every((p) => p.severity === "error")).toBe(true);
    expect(live.current).toBe(engine);
    expect(live.ask("Gibt es einen Lohnkostenzuschuss?").answer?.id).toBe("eingliederungszuschuss");
    expect(live.status()).toMatchObject({ contentHash: engine.kb.contentHash, reloads: 0, lastReload: { ok: false, reason: "deploy", problems: refused.problems } });

    // The same broken state is not examined (nor logged) again at every poll.
    expect(await live.reload("poll")).toMatchObject({ ok: false, changed: false, problems: refused.problems });
    expect(logged).toEqual([{ ok: false, reason: "deploy" }]);

    write("articles/foerderung/kinderbetreuung.yaml", KITA);
    expect(await live.reload("fix")).toMatchObject({ ok: true, changed: true });
    expect(live.ask(KITA_QUESTION).answer?.id).toBe("kinderbetreuung");
    expect(live.status().lastReload).toMatchObject({ ok: true, reason: "fix", problems: [] });

    // Reverting to the served state after a refusal needs no rebuild.
    const served = live.current;
    write("articles/foerderung/kinderbetreuung.yaml", "nonsense: [");
    expect((await live.reload("break")).ok).toBe(false);
    write("articles/foerderung/kinderbetreuung.yaml", KITA);
    expect(await live.reload("revert")).toMatchObject({ ok: true, changed: false, contentHash: served.kb.contentHash });
    expect(live.current).toBe(served);
    expect(live.status()).toMatchObject({ reloads: 1, lastReload: { ok: true, reason: "revert" } });
    expect(existsSync(contentDir)).toBe(true);
  });

  it("refuses content that breaks the schema or cross checks, naming the field", async () => {
    const { live, write } = setup();
    write("articles/foerderung/kinderbetreuung.yaml", { ...KITA, contacts: ["niemand"] });
    const r = await live.reload();
    expect(r.ok).toBe(false);
    expect(r.problems.map(formatProblem)).toContainEqual(expect.stringMatching(/kinderbetreuung\.yaml:\d+:\d+ contacts\[0\]: there is no contact with the id "niemand"/));
  });

  it("refuses a content folder that disappeared", async () => {
    const { live, engine, contentDir } = setup();
    rmSync(contentDir, { recursive: true });
    const r = await live.reload();
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ code: "missing" });
    expect(live.current).toBe(engine);
  });

  it("coalesces concurrent reloads: callers during a run share one more run after it", async () => {
    const { live, write } = setup();
    let swaps = 0;
    live.onSwap(() => swaps++);
    write("articles/foerderung/kinderbetreuung.yaml", KITA);
    const first = live.reload("a");
    const second = live.reload("b");
    const third = live.reload("c");
    expect(third).toBe(second);
    const [r1, r2, r3] = await Promise.all([first, second, third]);
    expect(r1).toMatchObject({ ok: true, changed: true });
    expect(r2).toMatchObject({ ok: true, changed: false, contentHash: r1.contentHash });
    expect(r3).toBe(r2);
    expect(swaps).toBe(1);
    expect(live.status().reloads).toBe(1);
  });

  it("reloads by itself on file events, and by polling", async () => {
    const { live, write } = setup();
    const swapped = () => new Promise<void>((resolve) => {
      const off = live.onSwap(() => {
        off();
        resolve();
      });
    });
    live.watch({ debounceMs: 50, pollSeconds: 0 });
    let next = swapped();
    write("articles/foerderung/kinderbetreuung.yaml", KITA);
    await next;
    expect(live.ask(KITA_QUESTION).answer?.id).toBe("kinderbetreuung");
    expect(live.status().lastReload?.reason).toBe("watch");
    await live.close();

    // Polling alone: file events would only act after 60 s here.
    const other = setup();
    other.live.watch({ debounceMs: 60_000, pollSeconds: 0.2 });
    next = new Promise<void>((resolve) => other.live.onSwap(() => resolve()));
    other.write("articles/foerderung/kinderbetreuung.yaml", KITA);
    await next;
    expect(other.live.status().lastReload?.reason).toBe("poll");
  });

  it("stops after close: no reloads, no worker, no timers", async () => {
    const { live, write } = setup();
    live.watch({ debounceMs: 10, pollSeconds: 0.1 });
    await live.reload();
    await live.close();
    write("articles/foerderung/kinderbetreuung.yaml", KITA);
    const r = await live.reload();
    expect(r).toMatchObject({ ok: false, changed: false, problems: [{ code: "closed" }] });
    expect(live.status().reloads).toBe(0);
  });
});
