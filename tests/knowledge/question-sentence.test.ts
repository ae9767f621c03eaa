import { describe, expect, it } from "vitest";
import { askingSentence } from "../../src/knowledge/question-sentence.js";
import { bundledEngine } from "../helpers/engine.js";

const STORY =
  "Wir haben seit März einen Mitarbeiter aus Syrien im Lager, sehr fleißig, alle sind zufrieden mit ihm und er will bleiben. " +
  "Jetzt hat er seine Anerkennung als Flüchtling bekommen. Wechselt er dann vom Sozialamt zum Jobcenter?";

describe("askingSentence", () => {
  it("finds the question at the end of a story", () => {
    expect(askingSentence(STORY)).toBe("Wechselt er dann vom Sozialamt zum Jobcenter?");
  });

  it("takes the last question when there are several, and the last sentence when none ends in '?'", () => {
    expect(askingSentence(`Geht das? ${STORY} Und was muss ich dafür tun?`)).toBe("Und was muss ich dafür tun?");
    expect(askingSentence(STORY.replace("?", "."))).toBe("Wechselt er dann vom Sozialamt zum Jobcenter.");
  });

  it("leaves short questions, one long sentence and a too-short asking sentence alone", () => {
    expect(askingSentence("Darf jemand mit Duldung arbeiten?")).toBeUndefined();
    expect(askingSentence(STORY.replace(/[.?]/g, ","))).toBeUndefined();
    expect(askingSentence(`${STORY.slice(0, STORY.lastIndexOf("Wechselt"))}Und jetzt?`)).toBeUndefined();
  });

  it("copes with empty, punctuation-only and huge input", () => {
    expect(askingSentence("")).toBeUndefined();
    expect(askingSentence("? ? ? ? ? ? ? ? ? ? ? ? ? ? ? ? ? ? ? ?")).toBeUndefined();
    const huge = `${"Das ist ein Satz mit Wörtern. ".repeat(20_000)}Darf er bei uns arbeiten?`;
    expect(askingSentence(huge)).toBe("Darf er bei uns arbeiten?");
  });
});

describe("a long story with the question at the end", () => {
  it("is answered when the asking sentence alone puts the same article first", () => {
    const r = bundledEngine().ask(STORY);
    expect(r.outcome).toBe("answer");
    expect(r.answer?.id).toBe("rechtskreiswechsel-nach-anerkennung");
  });
});
