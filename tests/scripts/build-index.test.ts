import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/build-index.js";
import { article, makeContent } from "../helpers/content.js";
import { runMain, runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

const QUOKKA = article({
  de: { title: "Quokkazuschuss", questions: ["Gibt es einen Quokkazuschuss?", "Wer zahlt den Quokkazuschuss?", "Wie beantrage ich den Quokkazuschuss?"], answer: "Den Quokkazuschuss zahlt die Quokkakasse.", keywords: ["Quokka"] },
});

describe("build:index CLI", () => {
  it("writes the index of CONTENT_DIR to DATA_DIR (as a process: one line on stdout)", async () => {
    const dataDir = tempDir("index");
    const r = await runScript("build-index.ts", [], { CONTENT_DIR: makeContent({ "articles/foerderung/quokkazuschuss.yaml": QUOKKA }), DATA_DIR: dataDir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = path.join(dataDir, "search-index.json");
    expect(r.stdout).toMatch(new RegExp(`^build:index: 1 articles → ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(content [0-9a-f]{12}, \\d+ ms\\)\\n$`));
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveProperty("contentHash");
  });

  it("writes nothing and exits 1 when the knowledge base has errors", async () => {
    const dataDir = tempDir("index");
    const r = await runMain(main, [], { CONTENT_DIR: makeContent({ "articles/foerderung/a.yaml": article({ contacts: ["niemand"] }) }), DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/contacts\[0\]: there is no contact with the id "niemand"/);
    expect(r.stderr).toMatch(/build:index: the knowledge base has errors; run npm run content:check\n$/);
    expect(r.stdout).toBe("");
    expect(existsSync(path.join(dataDir, "search-index.json"))).toBe(false);
  });

  it("refuses arguments (it takes none) and a bad configuration with exit code 2", async () => {
    const stray = await runMain(main, ["content"]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/^build:index: Unexpected argument 'content'/);
    const config = await runMain(main, [], { CONTENT_POLL_SECONDS: "often" });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^build:index: invalid configuration:\n {2}CONTENT_POLL_SECONDS: /);
    expect(config.stdout).toBe("");
  });
});
