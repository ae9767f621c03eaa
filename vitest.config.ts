import { defineConfig } from "vitest/config";

/** Files that replace a module with `vi.mock`: they need a module graph of their own. */
const MOCKING = ["tests/knowledge/parse-cache.test.ts"];

/** What both projects share (spelt out, not `extends: true`: that would also run the root's global setup once more). */
const common = {
  // Temp dirs: one root per run, removed at the end; each file's own removed when the file is done.
  setupFiles: ["tests/setup/temp-dirs.ts"],
  // Many tests build the search indexes and article classifiers (about 5 s on an idle machine);
  // CI runs two heavy files side by side on 2 cores, which has stretched that fourfold.
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    pool: "forks",
    // vitest's default on 2 cores is one worker (cores − 1), but much of the suite waits — on
    // PostgreSQL, Chromium, child processes, timers — rather than computes: two files at a
    // time take about half the wall time. Each worker has its own test databases (VITEST_POOL_ID).
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...common,
          name: "shared",
          include: ["tests/**/*.test.ts"],
          exclude: MOCKING,
          globalSetup: ["tests/setup/global.ts", "tests/setup/postgres.ts"],
          // Importing the app's module graph afresh for each of ~110 files cost about three
          // minutes of CPU per run; the files share nothing else (each opens its own databases,
          // servers and temp dirs), so one graph per worker serves them all.
          isolate: false,
        },
      },
      { test: { ...common, name: "isolated", include: MOCKING, globalSetup: ["tests/setup/global.ts"] } },
    ],
  },
});
