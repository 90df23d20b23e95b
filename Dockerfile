# The field's server image: one image, three roles (FIELD_ROLE=api|worker|all); api serves the dashboard at /.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm 11 honours package.json "allowScripts" (only approved install scripts run).
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/dashboard/dist ./apps/dashboard/dist
COPY prisma-free-migrations ./prisma-free-migrations
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The flags are the field's own (libs/platform/src/runtime/node-flags.ts), kept in step by its spec.
CMD ["node", "--max-semi-space-size=64", "--heap-growing-percent=300", "dist/apps/field/src/main.js"]
