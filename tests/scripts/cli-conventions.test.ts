/**
 * The conventions every CLI in scripts/ follows (README "Command-line conventions"): --help and -h
 * on stdout with exit code 0, bad usage named on stderr with exit code 2 and nothing on stdout,
 * and exit codes returned from main(), never process.exit().
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { main as ask } from "../../scripts/ask.js";
import { main as bench } from "../../scripts/bench.js";
import { main as benchBot } from "../../scripts/bench-bot.js";
import { main as benchCapacity } from "../../scripts/bench-capacity.js";
import { main as buildIndex } from "../../scripts/build-index.js";
import { main as contentCheck } from "../../scripts/content-check.js";
import { main as contentReport } from "../../scripts/content-report.js";
import { main as dbBackup } from "../../scripts/db-backup.js";
import { main as dbMigrateToPostgres } from "../../scripts/db-migrate-to-postgres.js";
import { main as dbRestore } from "../../scripts/db-restore.js";
import { main as evaluate } from "../../scripts/eval.js";
import { main as navigator } from "../../scripts/navigator.js";
import { main as privacy } from "../../scripts/privacy.js";
import { main as teamsPackage } from "../../scripts/teams-package.js";
import { checkIntegrity, main as vendorWebchat } from "../../scripts/vendor-webchat.js";
import { Failure, runCommand } from "../../src/cli/command.js";
import { ROOT, runMain, runScript, type Main } from "../helpers/run.js";

const CLIS: [string, Main, string][] = [
  ["ask", ask, "usage: npm run ask --"],
  ["bench", bench, "usage: npm run bench --"],
  ["bench:bot", benchBot, "usage: npm run bench:bot --"],
  ["bench:capacity", benchCapacity, "usage: npm run bench:capacity --"],
  ["build:index", buildIndex, "usage: npm run build:index"],
  ["content:check", contentCheck, "usage: npm run content:check"],
  ["content:report", contentReport, "usage: npm run content:report --"],
  ["db:backup", dbBackup, "usage: npm run db:backup -- --out DIR"],
  ["db:migrate-to-postgres", dbMigrateToPostgres, "usage: npm run db:migrate-to-postgres --"],
  ["db:restore", dbRestore, "usage: npm run db:restore -- --from DIR"],
  ["eval", evaluate, "usage: npm run eval --"],
  ["navigator", navigator, "usage: npm run navigator -- token create NAME"],
  ["privacy", privacy, "usage: npm run --silent privacy -- export"],
  ["teams:package", teamsPackage, "usage: npm run teams:package -- --host HOST"],
  ["vendor-webchat", vendorWebchat, "usage: npm run vendor:webchat --"],
];

describe.each(CLIS)("%s", (name, main, usage) => {
  it("prints its usage and exit codes on stdout for --help and -h, exit code 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const r = await runMain(main, [flag]);
      expect(r.code, flag).toBe(0);
      expect(r.stdout.startsWith(usage), r.stdout).toBe(true);
      expect(r.stdout).toMatch(/Exit codes: 0 .*; 2 bad usage/);
      expect(r.stderr).toBe("");
    }
  });

  it("names an unknown option on stderr, with the usage, exit code 2 and nothing on stdout", async () => {
    const r = await runMain(main, ["--no-such-option"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${name}: Unknown option '--no-such-option'`));
    expect(r.stderr).toContain(`\n\n${usage}`);
    expect(r.stdout).toBe("");
  });
});

describe("every CLI in scripts/", () => {
  const scripts = readdirSync(path.join(ROOT, "scripts")).filter((f) => f.endsWith(".ts"));

  it("is in the list above", () => {
    expect(scripts.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(["ask", "bench", "bench-bot", "bench-capacity", "build-index", "content-check", "content-report", "db-backup", "db-migrate-to-postgres", "db-restore", "eval", "navigator", "privacy", "teams-package", "vendor-webchat"]);
  });

  it.each(scripts)("%s returns its exit code and runs main() only when executed", (file) => {
    const source = readFileSync(path.join(ROOT, "scripts", file), "utf8");
    expect(source).not.toMatch(/process\.exit\(/);
    expect(source).toMatch(/^export (async )?function main\(argv: string\[\], io: Io = processIo\(\)/m);
    expect(source).toMatch(/^runIfMain\(import\.meta, main\);$/m);
  });
});

describe("bench and vendor-webchat arguments", () => {
  it.each([
    [bench, ["--sizes", "1000,many"], /^bench: --sizes: must be article counts, e\.g\. 1000,10000\n/],
    [bench, ["--runs", "0"], /^bench: --runs: must be a positive whole number\n/],
    [benchBot, ["--seconds", "0"], /^bench:bot: --seconds: must be at least 1\n/],
    [benchBot, ["--connections", "many"], /^bench:bot: --connections: must be a whole number\n/],
    [bench, ["--questions", "-5"], /^bench: Option '--questions' argument is ambiguous/],
    [vendorWebchat, ["--version", "latest"], /^vendor-webchat: --version: must be an exact version such as 4\.18\.1\n/],
    [vendorWebchat, ["4.18.1"], /^vendor-webchat: Unexpected argument '4\.18\.1'/],
  ] as const)("refuses %#: exit code 2, naming the argument, before any work", async (main, args, message) => {
    const r = await runMain(main, [...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("vendor-webchat refuses a tarball that does not match the registry's integrity", () => {
    expect(() => checkIntegrity(Buffer.from("tarball"), "sha512-AAAA")).toThrow(/the tarball's sha512 is .*, the registry says AAAA — not vendoring it/);
  });

  it.each([["bench.ts"], ["vendor-webchat.ts"]])("%s --help as a process: the usage alone on stdout, exit code 0", async (file) => {
    const r = await runScript(file, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run /);
    expect(r.stderr).toBe("");
  });
});

describe("runCommand", () => {
  const spec = { name: "demo", usage: "usage: demo [--n N]\nExit codes: 0 ok; 1 failed; 2 bad usage.", options: { n: { type: "string" } }, schema: z.strictObject({ n: z.string().optional() }) } as const;
  const capture = (run: () => number) => runMain((argv, io) => runCommand(spec, argv, io!, run), []);

  it("reports a bug with its stack on stderr and exit code 1, nothing on stdout", async () => {
    const r = await capture(() => {
      throw new TypeError("x is undefined");
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^demo: unexpected error: TypeError: x is undefined\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("reports a Failure as its message alone, exit code 1", async () => {
    const r = await capture(() => {
      throw new Failure("the content has 3 errors");
    });
    expect(r).toEqual({ code: 1, stdout: "", stderr: "demo: the content has 3 errors\n" });
  });
});
