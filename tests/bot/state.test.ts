/**
 * BotMemory: the person's profile and the conversation under the Agents SDK's state keys and
 * item shapes (state stored before Lotse read it itself must still be found), one read and one
 * write per turn, and nothing written when nothing changed.
 */
import { ConversationState, MemoryStorage, UserState, type StoreItems, type TurnContext } from "@microsoft/agents-hosting";
import { describe, expect, it } from "vitest";
import { BotMemory } from "../../bot/state.js";
import { TestAdapter } from "../helpers/test-adapter.js";

const reference = {
  channelId: "emulator",
  serviceUrl: "https://test.invalid",
  conversation: { id: "c1" },
  user: { id: "u1", name: "User" },
  bot: { id: "b1", name: "Lotse" },
};

/** MemoryStorage that records the calls it gets. */
class CountingStorage extends MemoryStorage {
  readonly calls: string[] = [];
  override async read(keys: string[]): Promise<StoreItems> {
    this.calls.push(`read ${keys.join(" ")}`);
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    this.calls.push(`write ${Object.keys(changes).join(" ")}`);
    return super.write(changes);
  }
}

async function inTurn(work: (context: TurnContext) => Promise<void>): Promise<void> {
  await new TestAdapter(work, reference).processActivity("Hallo");
}

describe("BotMemory", () => {
  it("reads state the SDK's UserState and ConversationState wrote, and they read what it writes", async () => {
    const storage = new MemoryStorage();
    const user = new UserState(storage);
    const conversation = new ConversationState(storage);
    const profileOf = user.createProperty<object>("profile");
    const conversationOf = conversation.createProperty<object>("conversation");
    await inTurn(async (context) => {
      await profileOf.set(context, { language: "en" });
      await conversationOf.set(context, { misses: 1, lastQuestion: "Was ist eine EQ?" });
      await user.saveChanges(context);
      await conversation.saveChanges(context);
    });

    const memory = new BotMemory(storage);
    await inTurn(async (context) => {
      const { profile, conversation: data } = await memory.load(context);
      expect(profile).toEqual({ language: "en" });
      expect(data).toMatchObject({ misses: 1, lastQuestion: "Was ist eine EQ?", history: [] });
      memory.store(context, { ...profile, audience: "employer" }, { ...data, misses: 2 });
      await memory.save(context);
    });

    await inTurn(async (context) => {
      expect(await profileOf.get(context)).toEqual({ language: "en", audience: "employer" });
      expect(await conversationOf.get(context)).toMatchObject({ misses: 2, lastQuestion: "Was ist eine EQ?" });
    });
  });

  it("reads both items at once and writes both at once; an unchanged turn writes nothing", async () => {
    const storage = new CountingStorage();
    const memory = new BotMemory(storage);
    const turn = (change: boolean) =>
      inTurn(async (context) => {
        const { profile, conversation } = await memory.load(context);
        memory.store(context, profile, change ? { ...conversation, misses: conversation.misses + 1 } : conversation);
        await memory.save(context);
      });
    await turn(true);
    await turn(false);
    await turn(true);
    const both = "emulator/users/u1/ emulator/conversations/c1/";
    expect(storage.calls).toEqual([`read ${both}`, `write ${both}`, `read ${both}`, `read ${both}`, "write emulator/conversations/c1/"]);
  });

  it("keeps other fields of a stored item and replaces a conversation that does not parse", async () => {
    const storage = new MemoryStorage();
    await storage.write({
      "emulator/users/u1/": { profile: { language: "de" }, other: "kept" },
      "emulator/conversations/c1/": { conversation: { misses: "many" } },
    });
    const memory = new BotMemory(storage);
    await inTurn(async (context) => {
      const { profile, conversation } = await memory.load(context);
      expect(conversation).toEqual({ misses: 0, offered: [], lastTopics: [], history: [] });
      memory.store(context, { ...profile, lastLanguage: "en" }, conversation);
      await memory.save(context);
    });
    const stored = await storage.read(["emulator/users/u1/", "emulator/conversations/c1/"]);
    expect(stored["emulator/users/u1/"]).toMatchObject({ profile: { language: "de", lastLanguage: "en" }, other: "kept" });
    expect(stored["emulator/conversations/c1/"]).toMatchObject({ conversation: { misses: 0, history: [] } });
  });
});
