import { createHash } from "node:crypto";
import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Script } from "node:vm";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWebChatBundle, VENDOR_DIR, VendoredWebChatError } from "../../src/widget/vendor.js";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { tempDir } from "../helpers/temp.js";

const SECURED = { MicrosoftAppId: "app", MicrosoftAppPassword: "secret" };

/** The page's `#lotse-config` block, as chat.js reads it. */
function pageConfig(body: string): Record<string, any> {
  const json = /<script type="application\/json" id="lotse-config">(.*?)<\/script>/s.exec(body)?.[1];
  if (!json) throw new Error("no #lotse-config in the page");
  return JSON.parse(json);
}

function csp(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    String(headers["content-security-policy"])
      .split(";")
      .map((d) => d.trim().split(/\s+(.*)/s))
      .map(([k, v]) => [k!, v ?? ""]),
  );
}

describe("web widget", () => {
  let lotse: Lotse;
  beforeAll(async () => {
    lotse = await startLotse(tempDataDir());
  });
  afterAll(() => lotse.close());

  describe("GET /widget.js (the loader partners embed)", () => {
    it("is JavaScript, cached for five minutes with an ETag, and answers a revalidation with 304", async () => {
      const res = await lotse.app.inject({ url: "/widget.js" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("public, max-age=300");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
      const again = await lotse.app.inject({ url: "/widget.js", headers: { "if-none-match": String(res.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
    });

    it("carries its settings and the launcher's words in all four languages, and compiles", async () => {
      const { body } = await lotse.app.inject({ url: "/widget.js" });
      expect(body).not.toContain("__LOTSE_SETTINGS__");
      for (const word of ["Fragen Sie Lotse", "Ask Lotse", "Запитайте Lotse", "اسألوا Lotse", "volunteer"]) expect(body).toContain(word);
      expect(() => new Script(body)).not.toThrow();
    });

    it("is small on the wire: brotli or gzip as the browser accepts, under 6 KB", async () => {
      const raw = (await lotse.app.inject({ url: "/widget.js" })).rawPayload;
      const br = await lotse.app.inject({ url: "/widget.js", headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toBe("accept-encoding");
      expect(brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);
      expect(br.rawPayload.length).toBeLessThan(6 * 1024);
      const gz = await lotse.app.inject({ url: "/widget.js", headers: { "accept-encoding": "gzip;q=1, br;q=0" } });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gz.rawPayload).equals(raw)).toBe(true);
    });
  });

  describe("the vendored Web Chat", () => {
    it("is served by Lotse at a versioned URL, cached for a year, and matches the page's integrity attribute", async () => {
      const page = (await lotse.app.inject({ url: "/widget/chat" })).body;
      const [, src, integrity] = /<script src="([^"]+)" integrity="(sha384-[^"]+)" crossorigin="anonymous"/.exec(page) ?? [];
      expect(src).toMatch(/^\/widget\/webchat-\d+\.\d+\.\d+\.js$/);
      const res = await fetch(`${lotse.url}${src}`); // real HTTP; fetch decompresses
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const body = Buffer.from(await res.arrayBuffer());
      expect(`sha384-${createHash("sha384").update(body).digest("base64")}`).toBe(integrity);
      expect(body.length).toBeGreaterThan(1_000_000);
    });

    it("is compressed for browsers that accept brotli", async () => {
      const { url, body } = loadWebChatBundle();
      const res = await lotse.app.inject({ url, headers: { "accept-encoding": "br" } });
      expect(res.headers["content-encoding"]).toBe("br");
      expect(res.rawPayload.length).toBeLessThan(body.length / 4);
      expect(brotliDecompressSync(res.rawPayload).equals(body)).toBe(true);
    });

    it("refuses to start when the file differs from the recorded hash", () => {
      const dir = tempDir("vendor");
      const { meta } = loadWebChatBundle();
      copyFileSync(new URL("webchat.json", VENDOR_DIR), path.join(dir, "webchat.json"));
      writeFileSync(path.join(dir, meta.file), "window.WebChat = { evil: true };");
      const load = () => loadWebChatBundle(new URL(`file://${dir}/`));
      expect(load).toThrow(VendoredWebChatError);
      expect(load).toThrow(new RegExp(`${meta.file.replace(/\./g, "\\.")} has sha384-.*but webchat\\.json records sha384-${meta.sha384.replace(/[+/]/g, "\\$&")}.*vendor-webchat\\.ts`));
    });
  });

  describe("GET /widget/chat (the page in the frame)", () => {
    it("has a strict CSP: own scripts only, styles by per-response nonce, no eval, framed by any site in local mode", async () => {
      const res = await lotse.app.inject({ url: "/widget/chat" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-store");
      const policy = csp(res.headers);
      expect(policy["default-src"]).toBe("'none'");
      expect(policy["script-src"]).toBe("'self'");
      expect(policy["frame-ancestors"]).toBe("'self' *");
      expect(String(res.headers["content-security-policy"])).not.toMatch(/unsafe-(eval|inline)/);
      const nonce = /'nonce-([^']+)'/.exec(policy["style-src"]!)?.[1];
      expect(res.body).toContain(`nonce="${nonce}"`);
      const other = await lotse.app.inject({ url: "/widget/chat" });
      expect(csp(other.headers)["style-src"]).not.toBe(policy["style-src"]);
    });

    it("serves its own script and style, cached for good at their versioned URLs", async () => {
      const page = (await lotse.app.inject({ url: "/widget/chat" })).body;
      const js = /<script src="(\/widget\/chat\.js\?v=[^"]+)"/.exec(page)?.[1];
      const css = /<link rel="stylesheet" href="(\/widget\/chat\.css\?v=[^"]+)"/.exec(page)?.[1];
      for (const [url, type] of [[js, "text/javascript; charset=utf-8"], [css, "text/css; charset=utf-8"]] as const) {
        const res = await lotse.app.inject({ url: url! });
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toBe(type);
        expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
        const stale = await lotse.app.inject({ url: url!.replace(/v=.*/, "v=old") });
        expect(stale.headers["cache-control"]).toBe("no-cache");
      }
    });

    it("renders language, direction, title, colour and audience from the query", async () => {
      const res = await lotse.app.inject({ url: "/widget/chat?lang=ar&audience=employer&title=Willkommensnetz&color=%232E6B3F" });
      expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
      expect(res.body).toContain('<h1 class="lotse-title" id="lotse-title">Willkommensnetz</h1>');
      expect(res.body).toContain('<option value="ar" lang="ar" selected>');
      const config = pageConfig(res.body);
      expect(config).toMatchObject({ lang: "ar", audience: "employer", color: "#2e6b3f", tokenUrl: "/api/widget/token" });
      expect(config.locales).toEqual({ de: "de-DE", en: "en-US", uk: "uk-UA", ar: "ar-SA" });
      expect(config.privacyUrls).toMatchObject({ de: "/datenschutz?lang=de", ar: "/datenschutz?lang=en" });
    });

    it("shows the notice before the first message, with the privacy link in a new tab", async () => {
      const { body } = await lotse.app.inject({ url: "/widget/chat?lang=de" });
      expect(body).toContain("Lotse entscheidet keine Einzelfälle");
      expect(body).toContain("keine persönlichen Daten");
      expect(body).toMatch(/<a class="lotse-privacy" id="lotse-privacy" href="\/datenschutz\?lang=de" target="_blank" rel="noopener"><span data-text="privacy">Datenschutz<\/span>/);
      const en = await lotse.app.inject({ url: "/widget/chat?lang=en" });
      expect(en.body).toContain("does not decide individual cases");
    });

    it.each([
      ["an unknown language", "lang=xx"],
      ["a repeated language", "lang=de&lang=en"],
      ["a script in the title", "title=%3C%2Fh1%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
      ["a script in the audience", "audience=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"],
      ["CSS in the colour", "color=red%3B%7Dbody%7Bdisplay%3Anone"],
      ["a huge title", `title=${"A".repeat(6000)}`],
      ["control characters and broken escapes", "title=%00%1B%E2%80%AE%ff&lang=%ff"],
      ["an empty query", "lang=&audience=&title=&color="],
      ["unknown parameters", "foo=bar&__proto__=x&constructor=y"],
    ])("gives a safe page for %s", async (_what, query) => {
      const res = await lotse.app.inject({ url: `/widget/chat?${query}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script>|<img|onerror=|alert\(1\)<\/script>/);
      const config = pageConfig(res.body);
      expect(["de", "en"]).toContain(config.lang);
      expect(config.color).toMatch(/^#[0-9a-f]{3,6}$/);
      expect([null, "employer", "chamber", "association", "volunteer"]).toContain(config.audience);
      const title = /<h1 class="lotse-title" id="lotse-title">([^<]*)<\/h1>/.exec(res.body)?.[1];
      expect(title!.length).toBeLessThanOrEqual(60 * 6); // 60 characters, each at most an entity
    });

    it("escapes the title wherever it appears", async () => {
      const { body } = await lotse.app.inject({ url: "/widget/chat?title=%22%3E%3Cscript%3Ex%3C%2Fscript%3E" });
      expect(body).toContain("<title>&quot;&gt;&lt;script&gt;x&lt;/script&gt;</title>");
      expect(body).not.toContain("<script>x");
    });
  });

  describe("GET / in local mode", () => {
    it("is a sample partner page with the widget embedded by the real script tag", async () => {
      const res = await lotse.app.inject({ url: "/" });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Willkommensnetz Wuppertal e.V.");
      expect(res.body).toContain('<script src="/widget.js" data-lang="de" data-audience="volunteer" async></script>');
      for (const endpoint of ["/console", "/api/ask", "/api/messages", "/healthz"]) expect(res.body).toContain(endpoint);
      expect(res.body).not.toContain("/demo");
      // As strict as a partner's CSP can be: only Lotse's script and frame are allowed.
      const policy = csp(res.headers);
      expect(policy["script-src"]).toBe("'self'");
      expect(policy["frame-src"]).toBe("'self'");
      expect(policy["style-src"]).toMatch(/^'sha256-[^']+'$/);
    });
  });
});

describe("web widget with MicrosoftAppId set", () => {
  it("lets only WIDGET_ORIGINS frame the chat page", async () => {
    const lotse = await startLotse(tempDataDir(), { ...SECURED, WIDGET_ORIGINS: "https://www.willkommensnetz.example, https://verein.example:8443/" });
    try {
      const res = await lotse.app.inject({ url: "/widget/chat" });
      expect(csp(res.headers)["frame-ancestors"]).toBe("'self' https://www.willkommensnetz.example https://verein.example:8443");
    } finally {
      await lotse.close();
    }
  });

  it("without WIDGET_ORIGINS, only Lotse itself may frame it; GET / is the plain endpoint list", async () => {
    const lotse = await startLotse(tempDataDir(), SECURED);
    try {
      const chat = await lotse.app.inject({ url: "/widget/chat" });
      expect(csp(chat.headers)["frame-ancestors"]).toBe("'self'");
      const home = await lotse.app.inject({ url: "/" });
      expect(home.body).toContain("<h2>Endpoints</h2>");
      expect(home.body).not.toContain('src="/widget.js"');
    } finally {
      await lotse.close();
    }
  });
});
