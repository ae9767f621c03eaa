/**
 * Answers to invoke activities: Teams waits for an HTTP response to every invoke, and botbuilder's
 * ActivityHandler answers the ones it does not know with 501, which Teams shows as a failure.
 * Plain activities (`{ type: "invokeResponse", value: { status, body } }`, the same in botbuilder
 * and the Agents SDK): the caller sends them with `context.sendActivity`.
 */

export const ADAPTIVE_CARD_ACTION = "adaptiveCard/action";

export interface InvokeResponseActivity {
  type: "invokeResponse";
  value: { status: number; body?: unknown };
  [field: string]: unknown;
}

export function invokeResponse(status: number, body?: unknown): InvokeResponseActivity {
  return { type: "invokeResponse", value: body === undefined ? { status } : { status, body } };
}

/** Universal Actions: the card that replaces the clicked one for the navigator who clicked. */
export function cardResponse(card: object): InvokeResponseActivity {
  return invokeResponse(200, { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card });
}

/** Universal Actions: a malformed invoke (the client shows a generic error; `message` is for developers). */
export function badRequest(message: string): InvokeResponseActivity {
  return invokeResponse(400, { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message } });
}

/**
 * An invoke Lotse has no handler for (task/fetch, a future Teams event, …): an adaptiveCard/action
 * is a bad request here (Lotse's only Action.Execute cards are the navigators' ticket cards);
 * anything else is acknowledged with an empty 200.
 */
export function unhandledInvoke(name: unknown): InvokeResponseActivity {
  if (name === ADAPTIVE_CARD_ACTION) return badRequest("this conversation has no card actions");
  return invokeResponse(200);
}
