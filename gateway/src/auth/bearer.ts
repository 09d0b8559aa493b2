/** RFC 6750 § 2.1: `Authorization: Bearer <token>`; the scheme is case-insensitive. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}
