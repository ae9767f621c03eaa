import { describe, expect, it } from "vitest";
import { main } from "../../scripts/content-check.js";
import { article, makeContent } from "../helpers/content.js";
import { runMain, runScript } from "../helpers/run.js";

const check = (args: string[], env: NodeJS.ProcessEnv = {}) => runMain(main, args, env);

describe("content:check CLI", () => {
  it("passes the bundled knowledge base (as a process: the summary alone on stdout)", async () => {
    const r = await runScript("content-check.ts", []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^content:check: ok — \d+ articles, \d+ contacts, \d+ synonym groups, \d+ flows — 0 error\(s\), 0 warning\(s\)\n$/);
    expect(r.stderr).toBe("");
  });

  it("fails with file:line:col messages and exit code 1 on errors", async () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ contacts: ["niemand"] }) });
    const r = await check(["--dir", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/articles\/foerderung\/a\.yaml:\d+:\d+ contacts\[0\]: there is no contact with the id "niemand"/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(r.stdout).toBe("");
  });

  it("warns about overdue reviews, and fails with --strict", async () => {
    const dir = makeContent({ "articles/foerderung/a.yaml": article({ reviewed: "2020-01-01" }) });
    const lax = await check(["--dir", dir]);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toMatch(/reviewed: warning: review overdue/);
    expect(lax.stdout).toMatch(/^content:check: ok — 1 articles, .* 0 error\(s\), 1 warning\(s\)\n$/);
    const strict = await check(["--dir", dir, "--strict"]);
    expect(strict.code).toBe(1);
  });

  it.each([
    [["--fix"], /^content:check: Unknown option '--fix'\n/],
    [["--dir"], /^content:check: Option '--dir <value>' argument missing/],
    [["--dir", ""], /^content:check: --dir: must not be empty\n/],
    [["--dir", "x".repeat(5000)], /^content:check: --dir: must be at most 4096 characters\n/],
    [["--strict=yes"], /^content:check: Option '--strict' does not take an argument/],
    [["content"], /^content:check: Unexpected argument 'content'/],
  ])("refuses %j with exit code 2, naming the argument, and the usage", async (args, message) => {
    const r = await check(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("\n\nusage: npm run content:check [-- --strict] [--dir PATH]\n");
    expect(r.stdout).toBe("");
  });

  it("prints the usage with --help or -h, even beside a mistake", async () => {
    for (const args of [["--help"], ["-h"], ["--fix", "--help"]]) {
      const r = await check(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run content:check \[-- --strict\] \[--dir PATH\]\n/);
      expect(r.stdout).toContain("Exit codes: 0 valid (warnings allowed); 1 the content has errors; 2 bad usage or configuration.");
      expect(r.stderr).toBe("");
    }
  });
});
