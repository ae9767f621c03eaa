/**
 * Bot capability: botbuilder's CloudAdapter behind POST /api/messages, with conversation and
 * user state in SQLite. The only server file that knows botbuilder — a move to the
 * Microsoft 365 Agents SDK touches this plugin and bot/.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from "botbuilder";
import { apologiseForError, HandoffDialogue, LotseBot, NavigatorDesk } from "../../../bot/index.js";
import { publicBaseUrl, type BotConfig, type Config } from "../../config.js";
import { SqliteNavigatorRecords } from "../../storage/records.js";
import { SqliteStorage } from "../../storage/sqlite-storage.js";
import { IncomingActivity, toActivity } from "../bot-activity.js";
import { AdapterChannelMessenger, AdapterUserRelay, Proactive } from "../proactive.js";

/**
 * A channel Lotse hosts itself (its Direct Line): what the bot sends into the channel's
 * conversations is handed to the sink instead of being POSTed to a connector service.
 */
export interface ChannelSink {
  /** Stores or delivers one activity; undefined when the conversation does not exist (any more). */
  send(conversationId: string, activity: Record<string, unknown>): { id: string } | undefined;
}

/** Runs one bot turn for an activity of a self-hosted channel (same adapter, middleware and bot as every channel). */
export interface ChannelGateway {
  process(activity: Record<string, unknown>): Promise<void>;
}

declare module "fastify" {
  interface FastifyInstance {
    bot: {
      adapter: LotseAdapter;
      records: SqliteNavigatorRecords;
      /** Connects a self-hosted channel: its sink receives the bot's activities, the gateway runs turns. */
      connectChannel(channelId: string, sink: ChannelSink): ChannelGateway;
    };
  }
}

export interface BotPluginOptions {
  config: Config;
}

type AuthenticateRequestResult = Exclude<Parameters<CloudAdapter["processActivityDirect"]>[0], string>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult["connectorFactory"]>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory["create"]>>;

/** Channels use a handful of service URLs; the bound only guards against junk in local mode. */
const MAX_CACHED_CONNECTORS = 64;

/**
 * CloudAdapter.process() wants Express-like req/res objects and answers every failure itself
 * (with console output); calling processActivity lets Fastify validate, log and reply.
 */
export class LotseAdapter extends CloudAdapter {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly sinks = new Map<string, ChannelSink>();

  useChannel(channelId: string, sink: ChannelSink): void {
    this.sinks.set(channelId, sink);
  }

  /**
   * A turn for an activity of a self-hosted channel. Such a channel authenticates its own
   * clients (Direct Line tokens), so the turn runs under the bot's own identity, as a
   * proactive turn does; everything after that is the adapter's usual pipeline.
   */
  async processChannelActivity(appId: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const claimsIdentity = this.createClaimsIdentity(appId);
    await this.processActivity(
      { claimsIdentity, audience: "", connectorFactory: this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity) },
      activity,
      logic,
    );
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sink = this.sinks.get(context.activity.channelId);
    if (!sink) return super.sendActivities(context, activities);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === "delay") {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === "number" ? Math.min(activity.value, 5000) : 1000));
        responses.push({ id: "" });
      } else if (activity.type === ActivityTypes.InvokeResponse || activity.type === ActivityTypes.Trace) {
        // A self-hosted channel has no invokes and shows no traces.
        responses.push({ id: "" });
      } else {
        const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
        const stored = sink.send(conversationId, { ...activity, id: undefined } as Record<string, unknown>);
        if (!stored) throw new Error(`${context.activity.channelId}: conversation is not stored (any more)`);
        responses.push(stored);
      }
    }
    return responses;
  }

  /** Web Chat cannot change a message in place: the new version is sent as a new message. */
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (!this.sinks.has(context.activity.channelId)) return super.updateActivity(context, activity);
    const [response] = await this.sendActivities(context, [{ ...activity, id: undefined }]);
    return response;
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!this.sinks.has(context.activity.channelId)) return super.deleteActivity(context, reference);
  }

  async handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    if (auth.connectorFactory) auth.connectorFactory = this.reusingConnectors(auth, auth.connectorFactory);
    return this.processActivity(auth, activity, logic);
  }

  /**
   * botbuilder builds a new ConnectorClient (an HTTP pipeline) for every turn, even when the
   * turn sends nothing or replies in the response body (expectReplies); the CPU profile of the
   * bot benchmark showed it as one of the larger costs per turn. The client holds no
   * per-turn state, so one per bot identity, service URL and audience is reused.
   */
  private reusingConnectors(auth: AuthenticateRequestResult, inner: ConnectorFactory): ConnectorFactory {
    const appId = auth.claimsIdentity.claims.find((c) => c.type === "appid" || c.type === "azp")?.value ?? "";
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = JSON.stringify([appId, auth.audience ?? "", serviceUrl, audience ?? ""]);
        let client = this.connectors.get(key);
        if (!client) {
          if (this.connectors.size >= MAX_CACHED_CONNECTORS) this.connectors.clear();
          client = inner.create(serviceUrl, audience);
          client.catch(() => this.connectors.delete(key));
          this.connectors.set(key, client);
        }
        return client;
      },
    } as ConnectorFactory;
  }
}

export function createAdapter(bot: BotConfig): LotseAdapter {
  const credentials = bot.appId
    ? {
        MicrosoftAppId: bot.appId,
        MicrosoftAppPassword: bot.appPassword || undefined,
        MicrosoftAppType: bot.appType,
        MicrosoftAppTenantId: bot.appTenantId || undefined,
      }
    : {};
  return new LotseAdapter(reusingUserTokenClients(new ConfigurationBotFrameworkAuthentication(credentials)));
}

type BotFrameworkAuthentication = ConfigurationBotFrameworkAuthentication;

/**
 * Like connector clients, botbuilder builds a user-token client (another HTTP pipeline) for
 * every turn although Lotse never signs users in; one per bot app id is enough.
 */
function reusingUserTokenClients(auth: BotFrameworkAuthentication): BotFrameworkAuthentication {
  const clients = new Map<string, ReturnType<BotFrameworkAuthentication["createUserTokenClient"]>>();
  const reusing = Object.create(auth) as BotFrameworkAuthentication;
  reusing.createUserTokenClient = (claimsIdentity) => {
    const appId = claimsIdentity.claims.find((c) => c.type === "appid" || c.type === "azp")?.value ?? "";
    let client = clients.get(appId);
    if (!client) {
      if (clients.size >= MAX_CACHED_CONNECTORS) clients.clear();
      client = auth.createUserTokenClient(claimsIdentity);
      client.catch(() => clients.delete(appId));
      clients.set(appId, client);
    }
    return client;
  };
  return reusing;
}

function isAuthenticationError(err: unknown): boolean {
  const e = err as { name?: string; statusCode?: number };
  return e?.name === "AuthenticationError" || e?.statusCode === 401 || e?.statusCode === 403;
}

const botPlugin: FastifyPluginAsync<BotPluginOptions> = async (app, opts) => {
  const { bot: credentials } = opts.config;
  const adapter = createAdapter(credentials);
  const storage = new SqliteStorage(app.db);
  const records = new SqliteNavigatorRecords(app.db);
  const { handoff } = app;
  // The handoff reaches people and the Teams channel through this adapter (proactive messages).
  const proactive = new Proactive(adapter, credentials.appId);
  handoff.service.useRelay(new AdapterUserRelay(proactive, handoff.store, app.log));
  handoff.teams.useMessenger(new AdapterChannelMessenger(proactive));
  const { handoff: handoffSettings } = opts.config;
  const bot = new LotseBot({
    handoff: new HandoffDialogue(handoff.service, {
      officeHours: handoff.officeHours,
      retentionDays: handoffSettings.retentionDays,
      publicPhone: handoffSettings.publicPhone,
      publicEmail: handoffSettings.publicEmail,
    }),
    navigatorDesk: new NavigatorDesk({
      tickets: handoff.service,
      channels: handoff.channels,
      teams: {
        postWaiting: () => handoff.teams.postWaiting(),
        cardOf: (id) => {
          const ticket = handoff.service.get(id);
          return ticket ? handoff.teams.render(ticket) : undefined;
        },
      },
      logger: app.log,
    }),
    knowledge: app.knowledge,
    // The Teams search message extension: most-voted articles for an empty query, cards link to GET /artikel/:id.
    search: { knowledge: app.knowledge, publicUrl: publicBaseUrl(opts.config), popular: () => records.mostVotedArticles() },
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    records,
    logger: app.log,
  });
  adapter.onTurnError = async (context, error) => {
    app.log.error({ err: error, channel: context.activity.channelId, code: "bot.turn_failed" }, "bot turn failed");
    try {
      await apologiseForError(context);
    } catch (err) {
      app.log.error({ err, code: "bot.apology_failed" }, "could not tell the user about the failed turn");
    }
  };
  const run = (context: TurnContext) => bot.run(context);
  app.decorate("bot", {
    adapter,
    records,
    connectChannel(channelId: string, sink: ChannelSink): ChannelGateway {
      adapter.useChannel(channelId, sink);
      return { process: (activity) => adapter.processChannelActivity(credentials.appId, toActivity(activity as IncomingActivity), run) };
    },
  });

  if (credentials.appId) app.log.info({ appType: credentials.appType }, "bot: requests to /api/messages are authenticated");
  else app.log.warn("bot: no MicrosoftAppId set, /api/messages accepts unauthenticated requests (local development with the Bot Framework Emulator only)");

  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/messages",
    // No response schema: invoke responses carry whatever body the invoke defines.
    { schema: { body: IncomingActivity } },
    async (req, reply) => {
      let result: InvokeResponse | undefined;
      try {
        result = await adapter.handle(req.headers.authorization ?? "", toActivity(req.body), (context) => bot.run(context));
      } catch (err) {
        if (!isAuthenticationError(err)) throw err;
        req.log.info({ code: "bot.unauthorized" }, "bot request rejected: not authenticated");
        return reply.code(401).send({ error: "unauthorized", message: "the request does not carry a valid Bot Framework token" });
      }
      if (!result) return reply.code(200).send();
      return reply.code(result.status).send(result.body);
    },
  );
};

export default fp(botPlugin, { name: "bot", dependencies: ["knowledge", "database", "handoff"] });
