#!/usr/bin/env bash
# Validates docker-compose.yml (with the monitoring profile) and docker-compose.cluster.yml where a
# Docker client exists.
# The compose plugin is often missing beside a bare client; the v1 client from Debian then
# stands in, installed on demand when apt-get can.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  echo "no Docker client: skipping the compose file check"
  exit 0
fi

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing the docker-compose client to check the compose file"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null 2>&1; } || true
  fi
  if ! command -v docker-compose >/dev/null 2>&1; then
    echo "a Docker client but no compose client: skipping the compose file check"
    exit 0
  fi
  compose=(docker-compose)
fi

"${compose[@]}" config -q
"${compose[@]}" --profile monitoring config -q
"${compose[@]}" -f docker-compose.cluster.yml config -q
echo "docker-compose.yml (with and without the monitoring profile) and docker-compose.cluster.yml are valid (${compose[*]})"
