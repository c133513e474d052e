#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis and RabbitMQ answer on their standard local ports, starting
# any that do not (the commands of a Debian machine with the servers installed natively).
set -uo pipefail

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name port
  for _ in $(seq 1 120); do
    if answers "$2"; then echo "$1 answers on :$2"; return 0; fi
    sleep 0.5
  done
  echo "$1 did not come up on :$2" >&2
  return 1
}

ensure() { # name port start-command
  if answers "$2"; then echo "$1 answers on :$2"; return 0; fi
  echo "$1 is not answering on :$2; starting it"
  bash -c "$3" || true
  wait_for "$1" "$2"
}

ensure PostgreSQL 5432 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' &&
ensure Redis 6379 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no' &&
ensure RabbitMQ 5672 'rabbitmq-server -detached'
