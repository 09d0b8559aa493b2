// Prisma's CLI runs here on its WebAssembly engines only (no binary engine can be
// downloaded), which needs a driver adapter; see subgraphs/kit/src/db/prisma-cli.ts.
import { prismaCliConfig } from '../kit/src/db/prisma-cli';

export default prismaCliConfig('SOCIAL_DATABASE_URL');
