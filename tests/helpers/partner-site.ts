/**
 * A partner's website for the widget's browser tests: a tiny node:http server on its own origin
 * (http://localhost:PORT, while Lotse runs on http://127.0.0.1:PORT2), whose pages embed
 * /widget.js exactly as the README tells partners to, under the strict CSP a partner may have:
 * `script-src LOTSE; frame-src LOTSE` and nothing else that could let the widget through.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { escapeHtml } from "../../src/widget/html.js";

export interface PartnerPage {
  /** Lotse's origin, where widget.js comes from (http://127.0.0.1:PORT). */
  lotse: string;
  /** The script tag's data-* attributes, e.g. { lang: "de", audience: "employer" }. */
  data?: Record<string, string>;
  title?: string;
}

export interface PartnerSite {
  /** http://localhost:PORT — a different origin (and site) from Lotse's http://127.0.0.1:PORT2. */
  origin: string;
  /** Serves `page` at `path` from now on. */
  serve(path: string, page: PartnerPage): void;
  close(): Promise<void>;
}

/** The partner's whole policy: nothing but Lotse's loader and Lotse's frame. */
export function partnerCsp(lotse: string): string {
  return `default-src 'none'; script-src ${lotse}; frame-src ${lotse}; img-src data:; base-uri 'none'; form-action 'none'`;
}

function render(page: PartnerPage): string {
  const data = Object.entries(page.data ?? {})
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join("");
  const title = escapeHtml(page.title ?? "Bäckerei Muster – Ausbildung bei uns");
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
</head><body>
<h1>${title}</h1>
<p>Wir bilden aus und beschäftigen Menschen aus aller Welt. Fragen zu Arbeitserlaubnis und Förderung beantwortet Lotse, unten rechts.</p>
<p><a href="#kontakt">Kontakt</a></p>
<script src="${escapeHtml(page.lotse)}/widget.js"${data} async></script>
</body></html>
`;
}

export async function startPartnerSite(): Promise<PartnerSite> {
  const pages = new Map<string, PartnerPage>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": partnerCsp(page.lotse), "cache-control": "no-store" })
      .end(render(page));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    serve: (path, page) => pages.set(path, page),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
