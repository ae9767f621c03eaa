/** Channel capabilities the replies depend on. */

/** Channels that render Adaptive Cards 1.5; everything else gets the plain-text version. */
const ADAPTIVE_CARD_CHANNELS = new Set(["msteams", "webchat", "directline", "directlinespeech", "emulator", "skype", "omnichannel"]);

export function supportsAdaptiveCards(channelId: string | undefined): boolean {
  return ADAPTIVE_CARD_CHANNELS.has(channelId ?? "");
}
