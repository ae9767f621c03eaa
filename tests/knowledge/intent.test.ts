import { describe, expect, it } from "vitest";
import { isHandoffRequest } from "../../src/knowledge/intent.js";

describe("isHandoffRequest", () => {
  it.each([
    "ich will einen Menschen",
    "Könnte sich eine Beraterin per E-Mail bei mir melden?",
    "get me a human",
    "could a caseworker email me",
    "дайте мені консультанта",
    "أحتاج مستشار",
  ])("recognises %s", (q) => expect(isHandoffRequest(q)).toBe(true));

  it.each([
    "Darf mein Mitarbeiter mit Duldung Überstunden machen?",
    "Darf ich für meinen Schützling mit dem Sachbearbeiter sprechen?",
    "ich brauche einen Mitarbeiter für mein Lager",
    "my employee's asylum claim was rejected",
  ])("does not mistake %s for a request for a person", (q) => expect(isHandoffRequest(q)).toBe(false));
});
