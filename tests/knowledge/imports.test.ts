import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../src/knowledge");

/** Every .ts module under src/knowledge and the relative modules it imports (type-only imports too). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(ROOT, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => f.split(path.sep).join("/"));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const deps: string[] = [];
    for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)).replace(/\.js$/, ".ts");
      if (!target.startsWith("..")) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === "done") return null;
    if (state.get(n) === "open") return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, "open");
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(n, "done");
    return null;
  };
  for (const n of graph.keys()) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return null;
}

describe("src/knowledge module graph", () => {
  it("has no import cycles", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)?.join(" → ") ?? null).toBeNull();
  });

  it("detects a cycle when there is one", () => {
    expect(findCycle(new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]]]))).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
  });
});
