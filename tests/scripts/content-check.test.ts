import { describe, expect, it } from "vitest";
import { article, makeContent } from "../helpers/content.js";
import { runScript } from "../helpers/run.js";

describe("content:check CLI", () => {
  it("passes the bundled knowledge base", async () => {
    const r = await runScript("content-check.ts", []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/content:check: ok — \d+ articles/);
  });

  it("fails with file:line:col messages and exit code 1 on errors", async () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ contacts: ["niemand"] }) });
    const r = await runScript("content-check.ts", ["--dir", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/articles\/foerderung\/a\.yaml:\d+:\d+ contacts\[0\]: there is no contact with the id "niemand"/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("warns about overdue reviews, and fails with --strict", async () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ reviewed: "2020-01-01" }) });
    const lax = await runScript("content-check.ts", ["--dir", dir]);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toMatch(/reviewed: warning: review overdue/);
    const strict = await runScript("content-check.ts", ["--dir", dir, "--strict"]);
    expect(strict.code).toBe(1);
  });

  it("rejects unknown options with exit code 2", async () => {
    const r = await runScript("content-check.ts", ["--fix"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--fix'/);
  });
});
