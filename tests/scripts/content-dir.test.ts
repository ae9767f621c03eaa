/** The CLIs read the knowledge base the server serves: CONTENT_DIR, validated by src/config.ts. */
import { describe, expect, it } from "vitest";
import { main as ask } from "../../scripts/ask.js";
import { main as check } from "../../scripts/content-check.js";
import { article, makeContent as content } from "../helpers/content.js";
import { runMain } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

const QUOKKA = article({
  de: { title: "Quokkazuschuss", questions: ["Gibt es einen Quokkazuschuss?", "Wer zahlt den Quokkazuschuss?", "Wie beantrage ich den Quokkazuschuss?"], answer: "Den Quokkazuschuss zahlt die Quokkakasse.", keywords: ["Quokka"] },
});

describe("CONTENT_DIR in the CLIs", () => {
  it("content:check checks CONTENT_DIR when no --dir is given", async () => {
    const broken = content({ "articles/foerderung/a.yaml": article({ contacts: ["niemand"] }) });
    const r = await runMain(check, [], { CONTENT_DIR: broken });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/articles\/foerderung\/a\.yaml:\d+:\d+ contacts\[0\]: there is no contact with the id "niemand"/);

    const good = content({ "articles/foerderung/quokkazuschuss.yaml": QUOKKA });
    const ok = await runMain(check, [], { CONTENT_DIR: good });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/content:check: ok — 1 articles/);
  });

  it("content:check --dir wins over CONTENT_DIR", async () => {
    const broken = content({ "articles/foerderung/a.yaml": article({ contacts: ["niemand"] }) });
    const good = content({ "articles/foerderung/quokkazuschuss.yaml": QUOKKA });
    const r = await runMain(check, ["--dir", good], { CONTENT_DIR: broken });
    expect(r.code).toBe(0);
  });

  it("content:check stops with exit code 2 on a configuration the server would refuse", async () => {
    const r = await runMain(check, [], { CONTENT_POLL_SECONDS: "often" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^content:check: invalid configuration:\n\s+CONTENT_POLL_SECONDS: /);
  });

  it("ask answers from CONTENT_DIR", async () => {
    const dir = content({ "articles/foerderung/quokkazuschuss.yaml": QUOKKA });
    const dataDir = tempDir("cli");
    const r = await runMain(ask, ["--json", "Gibt es einen Quokkazuschuss?"], { CONTENT_DIR: dir, DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: "answer", answer: { id: "quokkazuschuss" } });
  });
});
