/**
 * Bot capability: the Microsoft 365 Agents SDK's CloudAdapter behind Lotse's own Fastify route
 * POST /api/messages, with conversation and user state in the database. The token is checked
 * first (bot-auth.ts), the body by zod; then the turn runs, after any earlier turn of the same
 * conversation (on any node) has finished. The only server file that knows the SDK's adapter.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ActivityTypes, DeliveryModes, type Activity, type ConversationReference } from "@microsoft/agents-activity";
import {
  AuthType,
  CloudAdapter,
  INVOKE_RESPONSE_KEY,
  TurnContext,
  type AuthConfiguration,
  type ConnectorClient,
  type HeaderPropagationCollection,
  type InvokeResponse,
  type ResourceResponse,
} from "@microsoft/agents-hosting";
import { apologiseForError, HandoffDialogue, LotseBot, NavigatorDesk } from "../../../bot/index.js";
import { plainActivity } from "../../../bot/activity.js";
import { publicBaseUrl, type BotConfig, type Config } from "../../config.js";
import { createConversationLock, type ConversationLock } from "../../storage/conversation-lock.js";
import { DatabaseNavigatorRecords } from "../../storage/records.js";
import { DatabaseStorage } from "../../storage/state-storage.js";
import { IncomingActivity, toActivity } from "../bot-activity.js";
import { BotAuthenticator, type BotIdentity } from "../bot-auth.js";
import { AdapterChannelMessenger, AdapterUserRelay, Proactive } from "../proactive.js";
import { LruCache } from "../../util/lru-cache.js";

/** The claims of the turn's caller, as the SDK types them. */
type JwtPayload = TurnContext["identity"];

/**
 * A channel Lotse hosts itself (its Direct Line): what the bot sends into the channel's
 * conversations is handed to the sink instead of being POSTed to a connector service.
 */
export interface ChannelSink {
  /** Stores or delivers one activity; undefined when the conversation does not exist (any more). */
  send(conversationId: string, activity: Record<string, unknown>): Promise<{ id: string } | undefined>;
}

/** Runs one bot turn for an activity of a self-hosted channel (same adapter, middleware and bot as every channel). */
export interface ChannelGateway {
  process(activity: Record<string, unknown>): Promise<void>;
}

declare module "fastify" {
  interface FastifyInstance {
    bot: {
      adapter: LotseAdapter;
      records: DatabaseNavigatorRecords;
      /** Connects a self-hosted channel: its sink receives the bot's activities, the gateway runs turns. */
      connectChannel(channelId: string, sink: ChannelSink): ChannelGateway;
    };
  }
}

export interface BotPluginOptions {
  config: Config;
}

/** Channels use a handful of service URLs; the bound only guards against junk in local mode. */
const MAX_CACHED_CONNECTORS = 64;

/**
 * CloudAdapter.process() wants Express-like req/res objects, checks the token itself and
 * answers every failure with its own output; `handle` runs the same pipeline for an activity
 * that Fastify has validated and bot-auth has authenticated, and returns the invoke response.
 */
export class LotseAdapter extends CloudAdapter {
  private readonly anonymousConnectors = new LruCache<string, ConnectorClient>(MAX_CACHED_CONNECTORS);
  private readonly sinks = new Map<string, ChannelSink>();
  private turns?: ConversationLock;

  useChannel(channelId: string, sink: ChannelSink): void {
    this.sinks.set(channelId, sink);
  }

  /**
   * A turn for an activity of a self-hosted channel. Such a channel authenticates its own
   * clients (Direct Line tokens), so the turn runs under the bot's own identity, as a
   * proactive turn does; everything after that is the adapter's usual pipeline.
   */
  async processChannelActivity(appId: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.handle(appId ? CloudAdapter.createIdentity(appId) : {}, activity, logic);
  }

  /**
   * Turns of one conversation run one after the other (also across nodes on PostgreSQL): the
   * SDK saves bot state last-write-wins, so a parallel turn would lose the other's changes.
   */
  serialiseTurns(lock: ConversationLock): void {
    this.turns = lock;
  }

  /** One turn: connector client (unless a sink or expectReplies answers), middleware, bot. */
  async handle(identity: JwtPayload, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const conversationId = activity.conversation?.id;
    if (!this.turns || !conversationId) return this.runTurn(identity, activity, logic);
    return this.turns.run(`${activity.channelId ?? ""}/${conversationId}`, () => this.runTurn(identity, activity, logic));
  }

  private async runTurn(identity: JwtPayload, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const context = new TurnContext(this, activity, identity);
    if (!this.sinks.has(activity.channelId ?? "") && activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      this.setConnectorClient(context, await this.createConnectorClientWithIdentity(identity, activity));
    }
    // No user-token client: Lotse never signs people in (the SDK would build one per turn).
    await this.runMiddleware(context, logic);
    if (activity.deliveryMode === DeliveryModes.ExpectReplies) {
      return { status: 200, body: { activities: context.bufferedReplyActivities.map((a) => plainActivity(a)) } };
    }
    if (activity.type === ActivityTypes.Invoke) {
      // Every invoke gets an answer; a turn that set none (it failed) says so without a 501.
      const response = context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined;
      return response?.value ?? { status: 500 };
    }
    return undefined;
  }

  /**
   * In local mode (no token) the SDK builds a new connector client for every turn, even when
   * the turn sends nothing; with no token in it, one client per service URL is reused. A
   * client with a token is not cached: the token in it is fixed and would outlive its expiry
   * (MSAL caches the token itself, so building the client is cheap). A self-hosted channel's
   * turns (also proactive ones) never use the client, so they get a token-less one.
   */
  protected override async createConnectorClientWithIdentity(identity: JwtPayload, activity: Activity, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    const selfHosted = this.sinks.has(activity.channelId ?? "");
    if (!selfHosted && (identity?.aud || headers)) return super.createConnectorClientWithIdentity(identity, activity, headers);
    const serviceUrl = activity.serviceUrl ?? "";
    let client = this.anonymousConnectors.get(serviceUrl);
    if (!client) {
      client = await super.createConnectorClientWithIdentity({}, activity);
      this.anonymousConnectors.set(serviceUrl, client);
    }
    return client;
  }

  override async sendActivities(context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    const sink = this.sinks.get(context.activity.channelId ?? "");
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
        const conversationId = activity.conversation?.id ?? context.activity.conversation?.id ?? "";
        const stored = await sink.send(conversationId, { ...plainActivity(activity), id: undefined });
        if (!stored) throw new Error(`${context.activity.channelId}: conversation is not stored (any more)`);
        responses.push(stored);
      }
    }
    return responses;
  }

  /** Web Chat cannot change a message in place: the new version is sent as a new message. */
  override async updateActivity(context: TurnContext, activity: Activity): Promise<ResourceResponse | void> {
    if (!this.sinks.has(context.activity.channelId ?? "")) return super.updateActivity(context, activity);
    const copy = Object.assign(Object.create(Object.getPrototypeOf(activity) as object) as Activity, activity);
    delete copy.id;
    const [response] = await this.sendActivities(context, [copy]);
    return response;
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!this.sinks.has(context.activity.channelId ?? "")) return super.deleteActivity(context, reference);
  }
}

/** The SDK's auth configuration from Lotse's (one connection; none in local mode). */
export function authConfiguration(bot: BotConfig): AuthConfiguration {
  if (!bot.clientId) return {};
  const authType = {
    ClientSecret: AuthType.ClientSecret,
    UserManagedIdentity: AuthType.UserManagedIdentity,
    SystemManagedIdentity: AuthType.SystemManagedIdentity,
    Certificate: AuthType.Certificate,
  }[bot.authType];
  return {
    clientId: bot.clientId,
    authType,
    ...(bot.tenantId ? { tenantId: bot.tenantId } : {}),
    ...(bot.authType === "ClientSecret" ? { clientSecret: bot.clientSecret } : {}),
    ...(bot.authType === "Certificate" ? { certPemFile: bot.certPemFile, certKeyFile: bot.certKeyFile } : {}),
  };
}

export function createAdapter(bot: BotConfig): LotseAdapter {
  // Explicit options: the SDK would otherwise read CloudAdapterOptions__* from process.env.
  return new LotseAdapter(authConfiguration(bot), undefined, undefined, { emitStackTrace: false, validateServiceUrl: false });
}

const botPlugin: FastifyPluginAsync<BotPluginOptions> = async (app, opts) => {
  const { bot: credentials } = opts.config;
  const adapter = createAdapter(credentials);
  adapter.serialiseTurns(createConversationLock(app.database));
  const storage = new DatabaseStorage(app.db);
  const records = new DatabaseNavigatorRecords(app.db);
  const { handoff } = app;
  // Without the most-voted list the empty search still offers the curated articles.
  const mostVoted = () =>
    records.mostVotedArticles().catch((err: unknown) => {
      app.log.warn({ err, code: "bot.popular_unavailable" }, "message extension: most-voted articles cannot be read");
      return [];
    });
  // The handoff reaches people and the Teams channel through this adapter (proactive messages).
  const authenticator = new BotAuthenticator({
    clientId: credentials.clientId,
    tenantId: credentials.tenantId,
    openIdMetadataUrl: credentials.openIdMetadataUrl,
    entraOpenIdMetadataUrl: credentials.entraOpenIdMetadataUrl,
  });
  const proactive = new Proactive(adapter, credentials.clientId);
  handoff.service.useRelay(app.metrics.timedRelay(new AdapterUserRelay(proactive, handoff.store, app.log)));
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
        cardOf: async (id) => {
          const ticket = await handoff.service.get(id);
          return ticket ? handoff.teams.render(ticket) : undefined;
        },
      },
      logger: app.log,
    }),
    knowledge: app.knowledge,
    // The Teams search message extension: most-voted articles for an empty query, cards link to GET /artikel/:id.
    search: { knowledge: app.knowledge, publicUrl: publicBaseUrl(opts.config), popular: () => mostVoted() },
    storage,
    records,
    logger: app.log,
    metrics: app.metrics.bot,
  });
  adapter.onTurnError = async (context, error) => {
    app.metrics.bot.onTurnError?.(context.activity.channelId ?? "");
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
      return { process: (activity) => adapter.processChannelActivity(credentials.clientId, toActivity(activity as IncomingActivity), run) };
    },
  });

  if (credentials.clientId) app.log.info({ authType: credentials.authType }, "bot: requests to /api/messages are authenticated");
  else app.log.warn("bot: no clientId (MicrosoftAppId) set, /api/messages accepts unauthenticated requests (local development with the Bot Framework Emulator only)");

  const identities = new WeakMap<object, BotIdentity>();
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/messages",
    // No response schema: invoke responses carry whatever body the invoke defines.
    {
      schema: { body: IncomingActivity },
      // The token first: an unauthenticated caller learns nothing about what the body lacks.
      preValidation: async (req, reply) => {
        const body = (req.body ?? {}) as { channelId?: unknown; serviceUrl?: unknown };
        const auth = await authenticator.authenticate(req.headers.authorization, {
          channelId: typeof body.channelId === "string" ? body.channelId : undefined,
          serviceUrl: typeof body.serviceUrl === "string" ? body.serviceUrl : undefined,
        });
        if (auth.ok) {
          identities.set(req, auth.identity);
          return;
        }
        if (auth.status === 503) {
          req.log.warn({ code: "bot.signing_keys_unavailable", reason: auth.reason }, "bot request not checked: signing keys cannot be fetched");
          return reply.code(503).header("retry-after", "60").send({ error: "unavailable", message: "the token cannot be checked right now; try again later" });
        }
        req.log.info({ code: "bot.unauthorized", reason: auth.reason }, "bot request rejected: not authenticated");
        return reply.code(401).send({ error: "unauthorized", message: "the request does not carry a valid Bot Framework token" });
      },
    },
    async (req, reply) => {
      const identity = identities.get(req);
      if (!identity) throw new Error("bot: request reached the handler without authentication");
      // What the SDK's schema refuses throws ActivityRejected: a 400 with `details` (src/server/errors.ts).
      const activity = toActivity(req.body);
      const result = await adapter.handle(identity, activity, run);
      if (!result) return reply.code(200).send();
      return reply.code(result.status).send(result.body);
    },
  );
};

export default fp(botPlugin, { name: "bot", dependencies: ["knowledge", "database", "handoff", "metrics"] });
