export { openSocialDatabase, type SocialDatabase } from './data/database';
export { seedSocial, seedSocialIfEmpty } from './seed';
export { serveSocial, SOCIAL_SCHEMA } from './subgraph';
