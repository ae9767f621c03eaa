import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Temp dirs: one root per run, removed at the end; each file's own removed when the file is done.
    globalSetup: ["tests/setup/global.ts", "tests/setup/postgres.ts"],
    setupFiles: ["tests/setup/temp-dirs.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest's default on 2 cores is one worker (cores − 1), but much of the suite waits — on
    // PostgreSQL, Chromium, child processes, timers — rather than computes: two files at a
    // time take about half the wall time. Each worker has its own test databases (VITEST_POOL_ID).
    maxWorkers: 2,
  },
});
