/**
 * WebSocket close codes of the collab endpoint, shared by server and client. Like HTTP, 44xx says
 * reconnecting cannot help (the stock y-websocket provider stops on 4400–4499), 45xx says try again.
 */
export const CloseCodes = {
  Unauthenticated: { code: 4401, reason: 'unauthenticated', final: true },
  Forbidden: { code: 4403, reason: 'forbidden', final: true },
  NotFound: { code: 4404, reason: 'no such article', final: true },
  /** An update came from someone who may not edit the story now; the client must drop its local changes. */
  ReadOnly: { code: 4409, reason: 'you may not edit this story now', final: true },
  /** An update was not a tracked suggestion of its sender's own (or wrote one in another's name); the client drops its local changes. */
  SuggestionsOnly: { code: 4422, reason: 'suggestions only', final: true },
  BadMessage: { code: 4400, reason: 'malformed message', final: true },
  LoadFailed: { code: 4500, reason: 'the story could not be loaded', final: false },
  ShuttingDown: { code: 1012, reason: 'server restarting', final: false },
  /** Standard "message too big". */
  TooLarge: { code: 1009, reason: 'message too large', final: false },
} as const;

export type CloseReason = (typeof CloseCodes)[keyof typeof CloseCodes];

/** The close reason for a code, if it is one of ours. */
export function closeReasonFor(code: number): CloseReason | undefined {
  return Object.values(CloseCodes).find((c) => c.code === code);
}

/** Whether the client should give up reconnecting after this close code. */
export function isFinalClose(code: number): boolean {
  return closeReasonFor(code)?.final ?? false;
}

/** Largest collab frame the server accepts, in bytes. */
export const MaxFrameBytes = 2 * 1024 * 1024;
