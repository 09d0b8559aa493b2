export { createGateway, type Gateway, type GatewayOptions, type RunningGateway } from './app';
export { issueDevToken } from './auth/dev-token';
export { devJwtConfig, jwtConfigFromEnv, productionJwtConfig, type JwtConfig, type TokenKeySource } from './auth/jwt-config';
export { gatewayOptionsFromEnv, loggerSettingsFromEnv } from './config';
export { DEFAULT_LIMITS, type LimitsConfig } from './limits';
export {
  documentIdOf,
  parseTrustedDocuments,
  trustedDocumentsFromFile,
  UNTRUSTED_DOCUMENT,
  type TrustedDocuments,
} from './trusted-documents';
