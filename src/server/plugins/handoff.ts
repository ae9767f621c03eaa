/**
 * Handoff capability: referral tickets over the shared database, their Teams cards and webhook
 * deliveries, and the retention job. The bot plugin (which owns the adapter) attaches the user
 * relay and the Teams messenger; the console plugin works through `app.handoff.service`. With
 * several nodes on one PostgreSQL, the background jobs (retention, the webhook sweep, posting
 * waiting tickets to Teams) run on one node at a time.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import { TeamsTicketCards } from "../../../bot/index.js";
import type { Config } from "../../config.js";
import { NavigatorPairing } from "../../handoff/navigator-pairing.js";
import { parseOfficeHours, type OfficeHours } from "../../handoff/office-hours.js";
import { RetentionJob } from "../../handoff/retention.js";
import { TeamsNotifier } from "../../handoff/teams-notifier.js";
import { errorSummary, TicketService } from "../../handoff/ticket-service.js";
import { TicketStore } from "../../handoff/ticket-store.js";
import { WebhookNotifier } from "../../handoff/webhook-notifier.js";
import { createLeadership } from "../../storage/coordination.js";

export interface Handoff {
  service: TicketService;
  store: TicketStore;
  /** The navigators' Teams team: configured (NAVIGATOR_TEAM_ID) or paired with a code from the console. */
  channels: NavigatorPairing;
  teams: TeamsNotifier;
  /** Absent unless WEBHOOK_URL is set. */
  webhook?: WebhookNotifier;
  retention: RetentionJob;
  officeHours: OfficeHours;
}

declare module "fastify" {
  interface FastifyInstance {
    handoff: Handoff;
  }
}

/** How often tickets without a Teams card are offered to Teams again. */
const TEAMS_RETRY_MS = 5 * 60_000;
/** The name of that job in the cluster: two nodes posting the same waiting ticket would post two cards. */
const TEAMS_WAITING_JOB = "handoff.teams_waiting";

export interface HandoffPluginOptions {
  config: Config;
}

const handoffPlugin: FastifyPluginAsync<HandoffPluginOptions> = async (app, opts) => {
  const { handoff: settings, webhook: webhookSettings } = opts.config;
  const store = new TicketStore(app.db);
  const leadership = createLeadership(app.database);
  const { navigatorTeamId, navigatorTenantId } = settings;
  const channels = new NavigatorPairing({
    db: app.db,
    configured: navigatorTeamId && navigatorTenantId ? { teamId: navigatorTeamId, tenantId: navigatorTenantId } : undefined,
    homeTenantId: opts.config.entra.tenantId || opts.config.bot.tenantId || undefined,
    audit: (actor, action, detail) => store.audit(actor, action, undefined, detail),
    logger: app.log,
  });
  const cards = new TeamsTicketCards({
    topicTitle: (id) => app.knowledge.article(id)?.de.title,
    timeZone: settings.timeZone,
  });
  const teams = new TeamsNotifier({ store, channels, cards, logger: app.log });
  const webhook = webhookSettings.url ? new WebhookNotifier({ store, settings: webhookSettings, leadership, logger: app.log }) : undefined;
  const service = new TicketService({
    store,
    limits: { perContactPerDay: settings.ticketsPerContactPerDay, perDay: settings.ticketsPerDay },
    logger: app.log,
    listeners: [teams, ...(webhook ? [webhook] : [])],
  });
  const retention = new RetentionJob({
    db: app.db,
    store,
    retentionDays: settings.retentionDays,
    redact: (card) => teams.redact(card),
    leadership,
    logger: app.log,
  });
  app.decorate("handoff", { service, store, channels, teams, webhook, retention, officeHours: parseOfficeHours(settings.officeHours, settings.timeZone) });

  app.log.info(
    { code: "handoff.navigator_team", mode: channels.mode },
    channels.mode === "configured" ? "handoff: tickets go to the configured Teams team (NAVIGATOR_TEAM_ID) only" : "handoff: tickets go to the Teams team paired with a code from the console only",
  );
  if (webhook) app.log.info({ retries: webhookSettings.retries, code: "handoff.webhook_on" }, "handoff: tickets are also sent to the webhook");

  // Tickets created while Teams was unreachable (or just before a crash) still get their card.
  let waiting: Promise<unknown> | undefined;
  const postWaiting = () => {
    waiting ??= leadership
      .runExclusive(TEAMS_WAITING_JOB, () => teams.postWaiting())
      .catch((err: unknown) => app.log.warn({ err: errorSummary(err), code: "handoff.teams_resume_failed" }, "could not post waiting tickets to Teams"))
      .finally(() => (waiting = undefined));
  };
  let retryTimer: NodeJS.Timeout | undefined;
  app.addHook("onReady", async () => {
    retention.start();
    webhook?.start();
    postWaiting();
    retryTimer = setInterval(postWaiting, TEAMS_RETRY_MS);
    retryTimer.unref();
  });
  app.addHook("onClose", async () => {
    clearInterval(retryTimer);
    webhook?.close();
    // What is running still needs the database, which closes after this plugin.
    await Promise.all([retention.stop(), webhook?.idle(), waiting, teams.idle()]);
  });
};

export default fp(handoffPlugin, { name: "handoff", dependencies: ["database", "knowledge"] });
