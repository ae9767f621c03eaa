/**
 * An in-memory adapter for bot tests without HTTP, as botbuilder's TestAdapter was (the Agents
 * SDK ships none): each incoming activity is completed from a conversation reference, the turn
 * runs through the SDK's middleware pipeline, and what the bot sends lands in `activeQueue`.
 */
import type { Activity, ConversationReference } from "@microsoft/agents-activity";
import { activityFromWire } from "../../bot/activity.js";
import { BaseAdapter, TurnContext, type AttachmentData, type AttachmentInfo, type ResourceResponse } from "@microsoft/agents-hosting";

/** A sent activity as tests read it (card content is whatever the bot put in). */
export type Sent = Omit<Partial<Activity>, "attachments" | "suggestedActions"> & {
  attachments?: { contentType: string; content?: any; name?: string }[];
  suggestedActions?: { to?: string[]; actions: { type: string; title?: string; value?: any; text?: string; displayText?: string }[] };
};

export type TestReference = Partial<ConversationReference> & { bot?: ConversationReference["agent"] };

export class TestAdapter extends BaseAdapter {
  readonly activeQueue: Sent[] = [];
  private nextId = 0;

  constructor(
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly reference: TestReference,
  ) {
    super();
  }

  async processActivity(activity: string | Partial<Activity>): Promise<void> {
    const partial: Partial<Activity> = typeof activity === "string" ? { type: "message", text: activity } : activity;
    const request = activityFromWire({
      type: "message",
      channelId: this.reference.channelId,
      serviceUrl: this.reference.serviceUrl,
      conversation: this.reference.conversation,
      from: this.reference.user,
      recipient: this.reference.agent ?? this.reference.bot,
      locale: this.reference.locale,
      id: String(this.nextId++),
      timestamp: new Date(),
      ...partial,
    });
    const context = new TurnContext(this, request);
    await this.runMiddleware(context, this.logic);
  }

  async sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    return activities.map((a) => {
      const id = String(this.nextId++);
      if (a.type !== "trace") this.activeQueue.push(Object.assign(a, { id }) as Sent);
      return { id };
    });
  }

  async updateActivity(_context: TurnContext, activity: Activity): Promise<void> {
    this.activeQueue.push(activity as Sent);
  }

  async deleteActivity(): Promise<void> {}

  async continueConversation(): Promise<void> {
    throw new Error("TestAdapter: no proactive messages");
  }

  uploadAttachment(): Promise<ResourceResponse> {
    throw new Error("TestAdapter: no attachments");
  }

  getAttachmentInfo(): Promise<AttachmentInfo> {
    throw new Error("TestAdapter: no attachments");
  }

  getAttachment(): Promise<NodeJS.ReadableStream> {
    throw new Error("TestAdapter: no attachments");
  }
}

export type { AttachmentData };
