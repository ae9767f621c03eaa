import { describe, expect, it } from "vitest";
import { recogniseChoice, recogniseCommand } from "../../bot/recognise.js";

describe("recogniseCommand", () => {
  it.each([
    ["Hilfe", "help"],
    ["help", "help"],
    ["?", "help"],
    ["/themen", "topics"],
    ["Neu starten!", "restart"],
    ["Sprache", "language"],
    ["Language", "language"],
    ["Sprache / Language", "language"],
    ["Мова", "language"],
    ["اللغة", "language"],
    ["допомога", "help"],
  ])("knows %s", (text, command) => {
    expect(recogniseCommand(text)).toEqual({ action: "command", command });
  });

  it("recognises the navigator button label in any language", () => {
    expect(recogniseCommand("Talk to a navigator")).toEqual({ action: "handoff" });
  });

  it("leaves questions alone", () => {
    expect(recogniseCommand("Was ist eine Einstiegsqualifizierung?")).toBeUndefined();
    expect(recogniseCommand("Hilfe beim Sprachkurs")).toBeUndefined();
  });
});

describe("recogniseChoice", () => {
  const offered = [
    { label: "Erste Wahl", value: { action: "show" as const, id: "a" } },
    { label: "Zweite Wahl", value: { action: "show" as const, id: "b" } },
  ];
  it("picks by label or number", () => {
    expect(recogniseChoice("zweite wahl", offered)).toEqual({ action: "show", id: "b" });
    expect(recogniseChoice("1", offered)).toEqual({ action: "show", id: "a" });
    expect(recogniseChoice("3", offered)).toBeUndefined();
    expect(recogniseChoice("etwas anderes", offered)).toBeUndefined();
  });
});
