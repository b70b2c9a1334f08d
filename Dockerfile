# Inspector: API + built SPA in one image. Build: docker build -t inspector .
FROM node:24-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10.34.8
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm --filter @inspector/backend deploy --prod --legacy /out/backend \
  && mkdir -p /out/frontend && cp -r frontend/dist /out/frontend/dist

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /out /app
RUN install -d -m 0700 -o node -g node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
CMD ["node", "--max-semi-space-size=32", "--heap-growing-percent=50", "backend/dist/main.js"]
