# The service and its gateway as container images. Stages:
#   build       every dependency, compiles src/ to dist/
#   prod-deps   production dependencies only
#   app         the service: dist/, production dependencies, the seed; runs as a non-root user
#   gateway     the federation gateway of `npm run gateway` (docker compose --profile gateway)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY seed ./seed
COPY clients/operations ./clients/operations
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]

FROM ${NODE_IMAGE} AS gateway
ENV NODE_ENV=production GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=4100
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json supergraph.yaml ./
COPY schema ./schema
USER node
EXPOSE 4100
CMD ["node", "dist/gateway/cli.js"]
