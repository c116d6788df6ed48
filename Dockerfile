# One image per service, built from the monorepo: docker build --target <service> .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY scripts/package.json scripts/prisma-generate.mjs scripts/
COPY prisma prisma
COPY packages packages
COPY apps apps
RUN npm ci --no-audit --no-fund
COPY scripts scripts
RUN npx turbo run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node

FROM runtime AS gateway
EXPOSE 4000
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4000/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/gateway/dist/index.js"]

FROM runtime AS identity
EXPOSE 4001
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4001/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/identity/dist/index.js"]

FROM runtime AS workspace
EXPOSE 4002
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4002/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/workspace/dist/index.js"]

FROM runtime AS catalog
EXPOSE 4003
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4003/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/catalog/dist/index.js"]

# The migration step: run once per release, before the services, as the owner of the schemas.
FROM runtime AS migrate
CMD ["node", "scripts/dist/migrate.js"]

FROM runtime AS seed
CMD ["node", "scripts/dist/seed-cli.js", "http://gateway:4000/graphql"]
