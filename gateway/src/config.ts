import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isProduction, metricsTokenFromEnv, modeFromEnv, refuseReusedSecrets, signingKeyFromEnv } from '@oneplan/protocol';
import type { GatewayOptions } from './app';
import { jwtConfigFromEnv } from './auth/jwt-config';
import { corsOrigins } from './cors';
import { limitsFromEnv, rateLimitFromEnv, trustProxyFromEnv } from './limits';
import type { LoggerSettings } from './logger';
import { positiveInteger } from './limits/limits-config';
import { subgraphEndpoints, subgraphUrlOverridesFromEnv } from './subgraph-calls/subgraph-urls';
import { trustedDocumentsFromFile, type TrustedDocuments } from './trusted-documents';

/** The committed build artefact of `npm run compose`. */
const DEFAULT_SUPERGRAPH_PATH = resolve(__dirname, '../../schema/supergraph.graphql');

export interface GatewayEnvConfig {
  port: number;
  host: string;
  options: GatewayOptions;
}

/** Everything main.ts needs, from the environment; refuses to start on a production misconfiguration. */
export function gatewayOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnvConfig {
  const supergraphSdl = readFileSync(env.ONEPLAN_SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH, 'utf8');
  const names = subgraphEndpoints(supergraphSdl).map(({ name }) => name);
  // Were the grant key the signing key, the gateway could forge consent grants; refused here too when an environment
  // shared by every process says so (the gateway itself never reads the grant key). The metrics token goes to a scraper,
  // which must not thereby hold either key.
  refuseReusedSecrets(env, ['ONEPLAN_SIGNING_KEY', 'ONEPLAN_GRANT_KEY', 'ONEPLAN_METRICS_TOKEN']);
  return {
    port: env.GATEWAY_PORT === '0' ? 0 : positiveInteger(env, 'GATEWAY_PORT', 4000),
    host: env.GATEWAY_HOST || '127.0.0.1',
    options: {
      supergraphSdl,
      subgraphUrls: subgraphUrlOverridesFromEnv(names, env),
      signingKey: signingKeyFromEnv(env),
      jwt: jwtConfigFromEnv(env),
      production: isProduction(env),
      subgraphTimeoutMs: positiveInteger(env, 'ONEPLAN_SUBGRAPH_TIMEOUT_MS', 10_000),
      healthTimeoutMs: positiveInteger(env, 'ONEPLAN_HEALTH_TIMEOUT_MS', 2_000),
      limits: limitsFromEnv(env),
      rateLimit: rateLimitFromEnv(env),
      trustProxy: trustProxyFromEnv(env),
      trustedDocuments: trustedDocumentsFromEnv(env),
      cors: corsOrigins(env.ONEPLAN_CORS_ORIGINS, isProduction(env)),
      metricsToken: metricsTokenFromEnv(env),
    },
  };
}

/**
 * `ONEPLAN_TRUSTED_DOCUMENTS=<manifest>`: required in production, where only the
 * frontends' own operations may run; optional outside it, to try a manifest.
 */
function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv): TrustedDocuments | undefined {
  const path = env.ONEPLAN_TRUSTED_DOCUMENTS;
  if (!path) {
    if (isProduction(env)) {
      throw new Error('ONEPLAN_TRUSTED_DOCUMENTS is required in production: the manifest `npm run documents` writes');
    }
    return undefined;
  }
  return trustedDocumentsFromFile(path);
}

/** The gateway's log level: LOG_LEVEL, else silent under jest and `info` everywhere else. */
export function loggerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LoggerSettings {
  return { level: env.LOG_LEVEL ?? (modeFromEnv(env) === 'test' ? 'silent' : 'info') };
}
