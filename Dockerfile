# syntax=docker/dockerfile:1
# One image per service, from one file:
#   docker build --target gateway -t oneplan/gateway:0.1.0 .
#   docker build --target plan -t oneplan/plan:0.1.0 .      (likewise employment, social, health)
# The build stage compiles every workspace; the runtime stage holds exactly what a
# production machine needs (README.md, "Production build") on a production install.
# test/deploy/dockerfile.test.ts checks this file against the repository.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
# Dependencies' install scripts stay off, as npm 11 keeps them by default: none is needed
# to build, and prisma's would fetch engines oneplan does not use. The project's own
# postinstall then generates the Prisma clients (and the types generated from the schemas).
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && node scripts/prisma-clients.js \
  && npm run -s build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# What `npm ci` reads, and the Prisma clients its postinstall checks for (a production
# install cannot generate them).
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/scripts/prisma-clients.js scripts/
COPY --from=build /app/protocol/package.json protocol/
COPY --from=build /app/subgraphs/kit/package.json subgraphs/kit/
COPY --from=build /app/subgraphs/plan/package.json subgraphs/plan/
COPY --from=build /app/subgraphs/plan/generated/prisma subgraphs/plan/generated/prisma/
COPY --from=build /app/subgraphs/employment/package.json subgraphs/employment/
COPY --from=build /app/subgraphs/employment/generated/prisma subgraphs/employment/generated/prisma/
COPY --from=build /app/subgraphs/social/package.json subgraphs/social/
COPY --from=build /app/subgraphs/social/generated/prisma subgraphs/social/generated/prisma/
COPY --from=build /app/subgraphs/health/package.json subgraphs/health/
COPY --from=build /app/subgraphs/health/generated/prisma subgraphs/health/generated/prisma/
COPY --from=build /app/gateway/package.json gateway/
# --omit=optional: @prisma/client names typescript and the prisma CLI as optional peers,
# which --omit=dev alone keeps. Dependencies' install scripts stay off here too; the
# project's postinstall runs by hand and refuses an image without the clients.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
  && node scripts/prisma-clients.js \
  && npm cache clean --force
# The compiled services and what they read at run time: contracts, migrations, pages.
COPY --from=build /app/schema/supergraph.graphql schema/
COPY --from=build /app/protocol/dist protocol/dist/
COPY --from=build /app/subgraphs/kit/dist subgraphs/kit/dist/
COPY --from=build /app/subgraphs/kit/schema subgraphs/kit/schema/
COPY --from=build /app/subgraphs/kit/migrations subgraphs/kit/migrations/
COPY --from=build /app/subgraphs/plan/dist subgraphs/plan/dist/
COPY --from=build /app/subgraphs/plan/schema.graphql subgraphs/plan/
COPY --from=build /app/subgraphs/plan/prisma/migrations subgraphs/plan/prisma/migrations/
COPY --from=build /app/subgraphs/employment/dist subgraphs/employment/dist/
COPY --from=build /app/subgraphs/employment/schema.graphql subgraphs/employment/
COPY --from=build /app/subgraphs/employment/prisma/migrations subgraphs/employment/prisma/migrations/
COPY --from=build /app/subgraphs/social/dist subgraphs/social/dist/
COPY --from=build /app/subgraphs/social/schema.graphql subgraphs/social/
COPY --from=build /app/subgraphs/social/prisma/migrations subgraphs/social/prisma/migrations/
COPY --from=build /app/subgraphs/health/dist subgraphs/health/dist/
COPY --from=build /app/subgraphs/health/schema.graphql subgraphs/health/
COPY --from=build /app/subgraphs/health/prisma/migrations subgraphs/health/prisma/migrations/
COPY --from=build /app/gateway/dist gateway/dist/
COPY --from=build /app/gateway/assets gateway/assets/
# The code stays root's and read-only; only ./data, where an embedded database lives when
# no <NAME>_DATABASE_URL is given (`docker run` without PostgreSQL), is the service's.
RUN mkdir data && chown 1000:1000 data
# The image's `node` user, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# No HEALTHCHECK: Kubernetes probes /livez and /readyz (deploy/kubernetes).

FROM runtime AS plan
ENV PLAN_HOST=0.0.0.0 PLAN_PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/plan/dist/main.js"]

FROM runtime AS employment
ENV EMPLOYMENT_HOST=0.0.0.0 EMPLOYMENT_PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/employment/dist/main.js"]

FROM runtime AS social
ENV SOCIAL_HOST=0.0.0.0 SOCIAL_PORT=4003
EXPOSE 4003
CMD ["node", "subgraphs/social/dist/main.js"]

FROM runtime AS health
ENV HEALTH_HOST=0.0.0.0 HEALTH_PORT=4004
EXPOSE 4004
CMD ["node", "subgraphs/health/dist/main.js"]

# Last, so that a plain `docker build .` builds the gateway.
FROM runtime AS gateway
ENV GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=4000
EXPOSE 4000
# The gateway's heap held small, for memory (docs/performance.md, "Memory over ten
# minutes"): its old generation to 3/4 of the Deployment's 512Mi, under which V8 also
# grows the heap in smaller steps over the live data (up to 4x uncapped) and collects hard
# before Kubernetes would kill the pod; its young generation to 16 MB semi-spaces, Node 20's
# size (Node 24 sizes it larger). Under 50 connections it stays about 210 MB instead of
# passing 450, for no CPU a bench could tell. The benches start it with the flags read here.
CMD ["node", "--max-old-space-size=384", "--max-semi-space-size=16", "gateway/dist/main.js"]
