import { describe, expect, it } from "vitest";
import { recogniseChoice, recogniseCommand, recogniseHandoffWord } from "../../bot/recognise.js";

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

describe("typed commands and handoff answers in all four UI languages", () => {
  it.each([
    ["Themen", "topics"], ["Topics", "topics"], ["Теми", "topics"], ["المواضيع", "topics"],
    ["Neu starten", "restart"], ["Restart", "restart"], ["Почати знову", "restart"], ["إعادة البدء", "restart"], ["اعادة البدء", "restart"],
    ["Wer ich bin ändern", "audience"], ["Change who I am", "audience"], ["Змінити, хто я", "audience"], ["تغيير من أنا", "audience"],
    ["Hilfe", "help"], ["Help", "help"], ["Допомога", "help"], ["مساعدة", "help"], ["مُساعَدة", "help"],
  ])("%s", (text, command) => {
    expect(recogniseCommand(text)).toMatchObject(command === "audience" ? { action: "command", command: "audience" } : { action: "command", command });
  });

  it.each([
    ["Ja, einverstanden", "yes"], ["Yes, I agree", "yes"], ["Так, згоден/згодна", "yes"], ["نعم، أوافق", "yes"], ["نعم", "yes"],
    ["Nein, ohne Speicherung", "no"], ["no", "no"], ["ні", "no"], ["لا", "no"],
    ["Überspringen", "skip"], ["Skip", "skip"], ["Пропустити", "skip"], ["تخطٍّ", "skip"], ["تخطي", "skip"],
    ["So senden", "send"], ["Send as is", "send"], ["Надіслати так", "send"], ["أرسل هكذا", "send"],
    ["Abbrechen", "cancel"], ["Cancel", "cancel"], ["Скасувати", "cancel"], ["إلغاء", "cancel"],
  ])("handoff answer %s", (text, word) => {
    expect(recogniseHandoffWord(text)).toBe(word);
  });
});
