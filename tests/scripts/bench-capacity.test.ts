/**
 * `npm run bench:capacity` as a command line: its help, and arguments it refuses before starting
 * anything. The measurement itself takes minutes and is not part of `npm test`.
 */
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/bench-capacity.js";
import { runMain, runScript } from "../helpers/run.js";

describe("bench:capacity CLI", () => {
  it("--help prints the usage, the scenarios and the exit codes on stdout alone, exit code 0 (as a process)", async () => {
    const r = await runScript("bench-capacity.ts", ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run bench:capacity -- /);
    expect(r.stdout).toContain("sqlite (1 node), postgres (1 node), postgres-2nodes (2 nodes, one database)");
    expect(r.stdout).toMatch(/Exit codes: 0 measured .*; 1 the bench could not run; 2 bad usage\.\n$/);
    expect(r.stderr).toBe("");
  });

  it.each([
    [["--scenarios", "sqlite,mysql"], /^bench:capacity: --scenarios: must be one or more of sqlite, postgres, postgres-2nodes \(comma-separated\)\n/],
    [["--scenarios", ","], /^bench:capacity: --scenarios: must name at least one scenario\n/],
    [["--seconds", "0"], /^bench:capacity: --seconds: must be at least 1\n/],
    [["--held", "many"], /^bench:capacity: --held: must be a whole number\n/],
    [["--connections", "5000"], /^bench:capacity: --connections: must be at most 1000\n/],
    [["--repeat", "0"], /^bench:capacity: --repeat: must be at least 1\n/],
    [["--postgres-url", "mysql://localhost/db"], /^bench:capacity: --postgres-url: must be a postgres:\/\/ URL\n/],
    [["--seconds"], /^bench:capacity: Option '--seconds <value>' argument missing/],
    [["--bogus"], /^bench:capacity: Unknown option '--bogus'/],
  ])("refuses %j: exit code 2, naming the argument, the usage on stderr, nothing on stdout", async (args, message) => {
    const r = await runMain(main, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("\n\nusage: npm run bench:capacity --");
    expect(r.stdout).toBe("");
  });

  it("says which PostgreSQL does not answer and how to go on without it, exit code 1, before starting a node", async () => {
    const r = await runMain(main, ["--scenarios", "postgres", "--postgres-url", "postgres://postgres@127.0.0.1:1/postgres", "--no-save"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bench:capacity: PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres does not answer \(.+\); start it, pass --postgres-url, or measure SQLite alone with --scenarios sqlite\n$/);
    expect(r.stdout).toBe("");
  });
});
