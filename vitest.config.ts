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
  },
});
