/**
 * "Teams-Kanal": which Teams team receives the tickets, a one-time pairing code to make a team
 * the navigators', unpairing. When NAVIGATOR_TEAM_ID is set the team is fixed and pairing is off.
 */
import type { z } from "zod";
import type * as P from "../../../handoff/navigator-pairing.js";
import { call } from "../api.js";
import { $, announce, el, metaRow, reportFailure, showError, time } from "../dom.js";
import { formatDate, t, type MessageKey } from "../i18n.js";

type PairingStatus = z.infer<typeof P.PairingStatus>;
type CreatedCode = z.infer<typeof P.CreatedCode>;

const CODE_STATES: Record<NonNullable<PairingStatus["code"]>["state"], MessageKey> = {
  pending: "tcCodePending",
  expired: "tcCodeExpired",
  used: "tcCodeUsed",
  locked: "tcCodeLocked",
};

/** The code just created: shown once, until the view is left or the code is gone. */
let shown: CreatedCode | null = null;

function teamPart(status: PairingStatus): HTMLElement {
  const box = el("div", { class: "teams-channel-team" });
  const { team } = status;
  if (!team) {
    box.append(el("p", {}, t(status.mode === "configured" ? "tcConfiguredNotYet" : "tcNoTeam")));
    return box;
  }
  const dl = el("dl", { class: "meta" });
  metaRow(dl, t("tcTeam"), team.teamName ?? team.teamId);
  metaRow(dl, t("tcSince"), time(team.since));
  metaRow(dl, t("tcPairedBy"), team.pairedBy?.name ?? (status.mode === "configured" ? t("tcByConfiguration") : ""));
  box.append(dl);
  if (status.mode === "pairing") {
    const unpair = el("button", { type: "button", class: "secondary" }, t("tcUnpair"));
    unpair.addEventListener("click", () => {
      if (!window.confirm(t("tcUnpairConfirm", { team: team.teamName ?? team.teamId }))) return;
      shown = null;
      call<PairingStatus>("/teams-channel", { method: "DELETE" })
        .then((next) => {
          render(next);
          announce(t("tcUnpaired"));
        })
        .catch(reportFailure);
    });
    box.append(el("div", { class: "row-actions" }, unpair));
  }
  return box;
}

function codePart(status: PairingStatus): HTMLElement {
  const box = el("div", { class: "teams-channel-code" });
  if (status.mode === "configured") {
    box.append(el("p", {}, t("tcConfigured")));
    return box;
  }
  box.append(el("h3", {}, t("tcPairTitle")), el("p", {}, t("tcPairHelp")));
  const current = status.code;
  if (shown && current?.state === "pending" && current.expiresAt === shown.expiresAt) {
    box.append(
      el("p", { class: "pairing-code", "aria-live": "polite" }, el("strong", {}, shown.code)),
      el("p", {}, t("tcTypeInTeam", { command: `@Lotse koppeln ${shown.code}`, until: formatDate(shown.expiresAt) })),
    );
  } else if (current) {
    box.append(el("p", {}, t(CODE_STATES[current.state], { by: current.createdBy, until: formatDate(current.expiresAt), left: current.attemptsLeft })));
  }
  const create = el("button", { type: "button" }, t(status.team ? "tcCreateCodeMove" : "tcCreateCode"));
  create.addEventListener("click", () => {
    create.disabled = true;
    call<CreatedCode>("/teams-channel/pairing-code", { method: "POST", body: {} })
      .then((created) => {
        shown = created;
        render(created.status);
        announce(t("tcCodeCreated"));
      })
      .catch((err: unknown) => {
        create.disabled = false;
        reportFailure(err);
      });
  });
  box.append(el("div", { class: "row-actions" }, create));
  return box;
}

function render(status: PairingStatus): void {
  showError("");
  $("teams-channel-body").replaceChildren(teamPart(status), codePart(status));
}

export async function loadTeamsChannel(): Promise<void> {
  announce(t("loading"));
  render(await call<PairingStatus>("/teams-channel"));
  announce("");
}

/** Leaving the view forgets the code on screen (it is shown once, as a password would be). */
export function forgetShownCode(): void {
  shown = null;
}
