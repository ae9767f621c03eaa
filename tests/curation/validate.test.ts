/** A draft validated as content:check would see it once published, without touching the disk. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticleYaml } from "../../src/curation/article-yaml.js";
import { validateDraft } from "../../src/curation/validate.js";
import { WorkerValidator } from "../../src/curation/validator.js";
import { article, makeContent } from "../helpers/content.js";

const NOW = new Date("2026-11-20T00:00:00Z");

describe("validateDraft", () => {
  const dir = makeContent({
    "articles/foerderung/eins.yaml": article(),
    "articles/foerderung/zwei.yaml": article({ de: { title: "Zwei", questions: ["Frage vier?", "Frage fünf?", "Frage sechs?"], answer: "Zwei." }, en: { title: "Two", questions: ["Q four?", "Q five?", "Q six?"], answer: "Two." } }),
  });
  const files = () => readdirSync(path.join(dir, "articles/foerderung")).sort();
  const eins = { id: "eins", area: "foerderung", ...parseArticleYaml(readFileSync(path.join(dir, "articles/foerderung/eins.yaml"), "utf8")) } as Record<string, any>;

  it("accepts an unchanged article and returns it as the knowledge base would hold it", () => {
    const v = validateDraft(eins, { contentDir: dir, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW });
    expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(v).toMatchObject({ ok: true, file: "articles/foerderung/eins.yaml", article: { id: "eins", area: "foerderung" } });
  });

  it("maps schema problems and cross checks to the form fields", () => {
    const v = validateDraft({ ...eins, contacts: ["ba", "niemand"], related: ["eins"], de: { ...eins.de, summary: "" }, reviewed: "2026-02-30" }, { contentDir: dir, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW });
    expect(v.ok).toBe(false);
    const paths = v.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(expect.arrayContaining(["de.summary: must not be empty", "reviewed: is not a real calendar date"]));
    const crossed = validateDraft({ ...eins, contacts: ["ba", "niemand"], related: ["eins"] }, { contentDir: dir, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW });
    expect(crossed.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["contacts[1]", "related[0]"]));
  });

  it("does not blame the articles that link to an article while its draft is invalid", () => {
    const linked = makeContent({
      "articles/foerderung/eins.yaml": article(),
      "articles/foerderung/zwei.yaml": article({ related: ["eins"], de: { title: "Zwei", questions: ["Frage vier?", "Frage fünf?", "Frage sechs?"], answer: "Zwei." }, en: { title: "Two", questions: ["Q four?", "Q five?", "Q six?"], answer: "Two." } }),
    });
    const v = validateDraft({ ...eins, de: { ...eins.de, summary: "" } }, { contentDir: linked, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW });
    expect(v.problems.filter((p) => p.severity === "error").map((p) => `${p.path}: ${p.message}`)).toEqual(["de.summary: must not be empty"]);
  });

  it("moves an article to another area virtually, also into a folder that does not exist yet", () => {
    const v = validateDraft({ ...eins, area: "sprache" }, { contentDir: dir, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW });
    expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(v).toMatchObject({ ok: true, file: "articles/sprache/eins.yaml", article: { area: "sprache" } });
    expect(files()).toEqual(["eins.yaml", "zwei.yaml"]);
  });

  it("reports an example question another article already has, and an id in use", () => {
    const v = validateDraft({ ...eins, id: "neu", de: { ...eins.de, questions: ["Frage vier?", "Noch eine?", "Und noch eine?"] } }, { contentDir: dir, now: NOW });
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => p.code === "duplicate-question")).toBe(true);
    const taken = validateDraft({ ...eins, id: "zwei" }, { contentDir: dir, now: NOW });
    expect(taken.problems).toContainEqual(expect.objectContaining({ path: "id", code: "duplicate-id" }));
  });

  it("keeps the id of a published article and refuses paths as id or area", () => {
    expect(validateDraft({ ...eins, id: "umbenannt" }, { contentDir: dir, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW }).problems)
      .toContainEqual(expect.objectContaining({ path: "id", code: "id-fixed" }));
    const v = validateDraft({ ...eins, id: "../../x", area: "../y" }, { contentDir: dir, now: NOW });
    expect(v.ok).toBe(false);
    expect(v.file).toBeUndefined();
    expect(v.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["id", "area"]));
  });

  it("gives the same result in the server's worker thread", async () => {
    const worker = new WorkerValidator();
    try {
      const draft = { ...eins, contacts: ["niemand"] };
      const options = { contentDir: dir, replaces: "articles/foerderung/eins.yaml", fixedId: "eins", now: NOW };
      expect(await worker.validate(draft, options)).toEqual(validateDraft(draft, options));
      expect((await worker.validate(eins, options)).article).toMatchObject({ id: "eins" });
    } finally {
      await worker.close();
    }
  });
});
