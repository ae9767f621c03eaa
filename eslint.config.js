// ESLint (flat config): the habits the review of issue 13 asked the code to check by itself —
// import cycles, floating promises, unused code, config read in one place, and the layering
// from the README (src/knowledge knows no HTTP server or bot SDK, bot/ no Fastify, the
// handoff domain no HTTP).
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const tsFiles = ["**/*.ts"];
const browserTs = ["src/console/client/**/*.ts"];
const widgetJs = ["src/widget/public/*.js"];

// The few browser globals the plain-JS widget scripts use (the `globals` package is not a
// dependency; this list is short and reviewed instead). Anything else is a typo or a leak.
const browserGlobals = Object.fromEntries(
  [
    "window", "document", "location", "navigator", "history", "localStorage", "sessionStorage",
    "URL", "URLSearchParams", "fetch", "setTimeout", "clearTimeout", "setInterval", "clearInterval",
    "requestAnimationFrame", "getComputedStyle", "matchMedia", "console", "WebChat", "Promise",
    "Date", "Math", "JSON", "Object", "Array", "String", "Number", "RegExp", "Error", "encodeURIComponent",
    "decodeURIComponent", "parseInt", "parseFloat", "isNaN", "HTMLElement", "Event", "CustomEvent",
    "MutationObserver", "ResizeObserver", "CSSStyleSheet", "addEventListener", "removeEventListener", "Symbol", "Map", "Set", "undefined", "Infinity", "NaN",
  ].map((name) => [name, "readonly"]),
);

/** Imports a folder must not use, with the reason shown to whoever breaks the rule. */
const fastify = { group: ["fastify", "fastify-*", "@fastify/*"], message: "Fastify belongs in src/server; pass plain inputs in." };
const botSdk = { group: ["@microsoft/agents-*", "botbuilder*"], message: "The bot SDK belongs in bot/ and src/server/plugins/bot.ts." };

export default defineConfig(
  // Built output, the vendored Web Chat bundle, bench results, test screenshots, local data.
  globalIgnores([
    "dist/", "node_modules/", "src/widget/vendor/", "bench/", "tests/artifacts/", "coverage/",
    "data/", "tmp/", ".index-cache/",
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },

  // TypeScript: recommended + the type-checked rules that catch promise mistakes.
  {
    files: tsFiles,
    extends: [tseslint.configs.recommended],
    plugins: { "import-x": importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      // Without these, import-x cannot parse the .ts files it follows and finds no cycles at all.
      "import-x/extensions": [".ts", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createTypeScriptImportResolver()],
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // Cheap type-aware rules that caught real mistakes here (a stop-word Set built from
      // characters: "a " + "b".split(" ")).
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/restrict-plus-operands": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { args: "after-used", argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "all", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Type-only imports are not followed (they vanish at run time). No depth limit: measured,
      // unlimited costs the same as maxDepth 4 here (about 1.6 s of the run).
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      // TypeScript already reports unresolved imports (tsc --noEmit runs in npm test).
      "import-x/no-unresolved": "off",
      // Configuration is read once, in src/config.ts, and passed in.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration in src/config.ts (loadConfig) and pass it in." }],
    },
  },
  {
    // src/config.ts is the one reader. Tests and the bench start real servers and CLIs as child
    // processes and hand them an environment ({ ...process.env, PORT, DATA_DIR }); the test
    // harness also has its own knobs (TMPDIR per run, LOTSE_REQUIRE_BROWSER, LOTSE_SCREENSHOTS).
    // None of that is Lotse's configuration. The CLIs in scripts/*.ts read theirs via io.env.
    files: ["src/config.ts", "tests/**", "scripts/bench/**", "vitest.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tests read loose JSON and activities and assert the values; typing every shape adds nothing.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },

  // Layering.
  {
    files: ["src/knowledge/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [fastify, botSdk, { group: ["**/bot/**", "../../bot", "../../bot/*"], message: "src/knowledge must not depend on the bot." }] }],
    },
  },
  {
    files: ["bot/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [fastify] }] },
  },
  {
    // The handoff domain (tickets, relay, notifiers) speaks no HTTP: no server, no client module.
    // The one exception is the webhook notifier, whose whole job is one outbound POST: it uses the
    // platform's fetch, injected through its options (tests pass their own), so it needs no import.
    // Other handoff modules may not call fetch at all.
    files: ["src/handoff/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["node:http", "node:https", "node:http2", "http", "https", "http2", "undici", "ws"].map((name) => ({
            name,
            message: "The handoff domain speaks no HTTP; src/server does (the webhook notifier uses an injected fetch).",
          })),
          patterns: [fastify],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "Only src/handoff/webhook-notifier.ts sends HTTP, through its injected fetch." }],
    },
  },
  {
    files: ["src/handoff/webhook-notifier.ts"],
    rules: { "no-restricted-globals": "off" },
  },

  // Browser code.
  {
    files: browserTs,
    languageOptions: { globals: browserGlobals },
    rules: {
      // Bundled alone into console.js for the browser: server code may lend it types, nothing else.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["node:*", "fastify*", "@fastify/*", "../../*", "../../../*"], allowTypeImports: true, message: "Browser code: import server modules as types only." }] },
      ],
    },
  },
  {
    files: widgetJs,
    languageOptions: { ecmaVersion: 2017, sourceType: "script", globals: { ...browserGlobals, __LOTSE_SETTINGS__: "readonly" } },
    rules: {
      "no-undef": "error",
      // caughtErrors "none": ES2017 has no `catch {}` without a binding.
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
