import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { loadSigningKey, SIGNING_KEY_FILE } from "../../src/directline/signing-key.js";
import { tempDir } from "../helpers/temp.js";

describe("web channel configuration", () => {
  it("runs its own Direct Line by default, with Azure's Europe region for a secret", () => {
    expect(loadConfig({}).directLine).toEqual({ secret: "", endpoint: "https://europe.directline.botframework.com/v3/directline" });
    expect(loadConfig({ DIRECT_LINE_ENDPOINT: "https://directline.botframework.com/v3/directline/" }).directLine.endpoint).toBe("https://directline.botframework.com/v3/directline");
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ DIRECT_LINE_ENDPOINT: "ftp://x" })).toThrow(ConfigError);
    expect(() => loadConfig({ DIRECT_LINE_ENDPOINT: "ftp://x" })).toThrow(/DIRECT_LINE_ENDPOINT: must be an http\(s\) URL/);
    expect(() => loadConfig({ DIRECT_LINE_SIGNING_KEY: "short" })).toThrow(/DIRECT_LINE_SIGNING_KEY: must be at least 32 characters/);
  });
});

describe("the token signing key", () => {
  it("is created once beside the database, readable only by its owner, and reused", () => {
    const dir = tempDir("key");
    const first = loadSigningKey(dir);
    expect(first.length).toBe(32);
    expect(statSync(path.join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(loadSigningKey(dir)).equals(Buffer.from(first))).toBe(true);
    expect(readFileSync(path.join(dir, SIGNING_KEY_FILE), "utf8")).not.toBe("");
  });

  it("comes from DIRECT_LINE_SIGNING_KEY when set, so several nodes share it", () => {
    const dir = tempDir("key");
    expect(new TextDecoder().decode(loadSigningKey(dir, "s".repeat(32)))).toBe("s".repeat(32));
  });
});
