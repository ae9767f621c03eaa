import { readFileSync, writeFileSync, cpSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDecisionConfig } from "../../src/config.js";
import { INDEX_FILE, KnowledgeBaseError, openKnowledgeEngine } from "../../src/knowledge/index-store.js";
import { ASKED_HASH } from "../../src/knowledge/search-index.js";
import { CONTENT_DIR } from "../helpers/engine.js";
import { article, makeContent } from "../helpers/content.js";
import { tempDir } from "../helpers/temp.js";

const decision = defaultDecisionConfig();

describe("openKnowledgeEngine", () => {
  it("builds the index once, then loads it while the content is unchanged", () => {
    const dataDir = tempDir("index");
    const first = openKnowledgeEngine({ contentDir: CONTENT_DIR, dataDir, decision });
    const second = openKnowledgeEngine({ contentDir: CONTENT_DIR, dataDir, decision });
    expect(first.indexSource).toBe("built");
    expect(second.indexSource).toBe("cache");
    const q = "Darf jemand mit Duldung arbeiten?";
    expect(second.engine.ask(q)).toEqual(first.engine.ask(q));
  });

  it("rebuilds when the content changes", () => {
    const dataDir = tempDir("index");
    const root = tempDir("content-copy");
    const contentDir = path.join(root, "content");
    cpSync(CONTENT_DIR, contentDir, { recursive: true });
    expect(openKnowledgeEngine({ contentDir, dataDir, decision }).indexSource).toBe("built");
    const file = path.join(contentDir, "articles/foerderung/eingliederungszuschuss.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("Minderleistung]", "Minderleistung, Testwortzuschuss]"));
    const reopened = openKnowledgeEngine({ contentDir, dataDir, decision });
    expect(reopened.indexSource).toBe("built");
    expect(reopened.engine.explain("Testwortzuschuss").scored[0]?.id).toBe("eingliederungszuschuss");
  });

  it("rebuilds when the article model learnt from other asked questions (asked-questions.ts regenerated)", () => {
    const dataDir = tempDir("index");
    openKnowledgeEngine({ contentDir: CONTENT_DIR, dataDir, decision });
    const file = path.join(dataDir, INDEX_FILE);
    const data = JSON.parse(readFileSync(file, "utf8")) as { askedHash: string };
    expect(data.askedHash).toBe(ASKED_HASH);
    writeFileSync(file, JSON.stringify({ ...data, askedHash: "0000000000000000" }));
    expect(openKnowledgeEngine({ contentDir: CONTENT_DIR, dataDir, decision }).indexSource).toBe("built");
  });

  it("rebuilds over a corrupt index file", () => {
    const dataDir = tempDir("index");
    openKnowledgeEngine({ contentDir: CONTENT_DIR, dataDir, decision });
    writeFileSync(path.join(dataDir, INDEX_FILE), "{ not json");
    expect(openKnowledgeEngine({ contentDir: CONTENT_DIR, dataDir, decision }).indexSource).toBe("built");
  });

  it("refuses a knowledge base with errors, listing them", () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ related: ["fehlt"] }) });
    expect(() => openKnowledgeEngine({ contentDir: dir, decision })).toThrow(KnowledgeBaseError);
    expect(() => openKnowledgeEngine({ contentDir: dir, decision })).toThrow(/related\[0\]: there is no article with the id "fehlt"/);
  });
});
