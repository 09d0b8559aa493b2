/** The caller's token is missing, malformed, forged, expired or of the wrong shape. */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

/** The identity provider's keys could not be fetched: our failure, not the caller's. */
export class TokenKeyUnavailable extends Error {
  override readonly name = 'TokenKeyUnavailable';
  constructor(cause: unknown) {
    super('The token verification keys are unavailable.', { cause });
  }
}
