/** @mentions read from client input: never a throw, whatever the entities look like. */
import { describe, expect, it } from "vitest";
import { hasMalformedEntities, mentionsBot, textWithoutBotMention } from "../../bot/mentions.js";

const bot = { id: "28:lotse-bot", name: "Lotse" };
const mention = { type: "mention", text: "<at>Lotse</at>", mentioned: bot };

describe("mentions", () => {
  it("removes the bot's @mention as Teams sends it", () => {
    const activity = { text: "<at>Lotse</at> koppeln 1234-5678", entities: [mention], recipient: bot };
    expect(mentionsBot(activity)).toBe(true);
    expect(textWithoutBotMention(activity)).toBe("koppeln 1234-5678");
    expect(hasMalformedEntities(activity)).toBe(false);
  });

  it("ignores mentions of others, and has nothing to remove without a recipient", () => {
    const other = { type: "Mention", text: "<at>Anna</at>", mentioned: { id: "29:anna" } };
    expect(mentionsBot({ text: "<at>Anna</at> hallo", entities: [other], recipient: bot })).toBe(false);
    expect(textWithoutBotMention({ text: "<at>Anna</at> hallo", entities: [other], recipient: bot })).toBe("<at>Anna</at> hallo");
    expect(mentionsBot({ text: "<at>Lotse</at> hallo", entities: [mention] })).toBe(false);
    expect(textWithoutBotMention({ text: " hallo ", entities: [mention], recipient: null })).toBe("hallo");
  });

  it("survives junk entities and says they are malformed", () => {
    for (const entities of ["mention", 5, { type: "mention" }, [null], [5], [{}], [{ type: 3 }], [{ type: "mention" }], [{ type: "mention", mentioned: null }], [{ type: "mention", mentioned: { id: 5 } }]]) {
      const activity = { text: "<at>Lotse</at> hallo", entities, recipient: bot };
      expect(() => textWithoutBotMention(activity)).not.toThrow();
      expect(mentionsBot(activity), JSON.stringify(entities)).toBe(false);
      expect(hasMalformedEntities(activity), JSON.stringify(entities)).toBe(true);
    }
    expect(hasMalformedEntities({ entities: undefined })).toBe(false);
    expect(hasMalformedEntities({ entities: [{ type: "clientInfo", locale: "de-DE" }] })).toBe(false);
    expect(textWithoutBotMention({ text: 42, entities: [mention], recipient: bot })).toBe("");
  });
});
