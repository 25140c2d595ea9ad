#!/bin/sh
# Writes Redis's ACL file (one user per service, the default user off) from the environment, then, with more
# arguments, runs them (`users-acl.sh FILE redis-server --aclfile FILE ...`). Used by docker-compose.yml and both
# Kubernetes overlays' Redis, and by system-tests' RedisAclTests, so what is tested is what is deployed.
#
# Generated at start rather than committed: the passwords come only from the environment, and Redis reads a user's
# password only from its ACL file (or ACL SETUSER). The file holds SHA-256 hashes (`#...`), never a password, and
# lives on a tmpfs/emptyDir, not on the data volume.
#
# Environment (each required, at least 32 characters are recommended):
#   REDIS_PASSWORD           user `admin`: every command and key; for operators and the container's health check
#   GATEWAY_REDIS_PASSWORD   user `gateway-service`
#   USERS_REDIS_PASSWORD     user `user-service`
#   CATALOG_REDIS_PASSWORD   user `product-service`
#   ORDERS_REDIS_PASSWORD    user `order-service`
#   PAYMENTS_REDIS_PASSWORD  user `payment-service`
#
# What each user may do is read off the code (docs/architecture.md, "Security"); keys assume the default prefixes
# (REDIS_KEY_PREFIX unset). A command a service needs and lacks fails with NOPERM and shows in `ACL LOG`.
# Every user: the connection handshake (HELLO/AUTH/PING/SELECT, CLIENT SETNAME/SETINFO/ID, not CLIENT KILL/LIST/PAUSE)
# and INFO (health indicator; the outbox's run_id check). Nothing else without a key pattern: no KEYS, SCAN,
# FLUSHALL, CONFIG, DEBUG, MONITOR, SHUTDOWN, MODULE, ACL.
set -eu

if [ "$#" -lt 1 ]; then
  echo "usage: $0 ACL_FILE [command to run afterwards...]" >&2
  exit 2
fi
out="$1"
shift

password_hash() { # variable name -> "#<sha256 of its value>"; fails if unset or empty
  value="$(printenv "$1" || true)"
  if [ -z "$value" ]; then
    echo "$0: $1 is not set" >&2
    exit 1
  fi
  printf '#%s' "$(printf '%s' "$value" | sha256sum | cut -d' ' -f1)"
}

common='-@all +@connection -@admin -@dangerous +info'
# A consumer group's reading of another service's stream: create the group (MKSTREAM), read, acknowledge, retry
# (XPENDING, XCLAIM), and the lag/pending metrics (EXISTS, XINFO GROUPS). Never XADD: only the producer appends.
consume='+xgroup|create +xreadgroup +xack +xpending +xclaim +xinfo|groups +exists'
# The dead-letter stream of a consumed stream: park, list, replay/drop (platform DeadLetters).
dead_letters='+xadd +xrange +xlen +xdel'
# A stream this service produces (outbox relay) and trims below every group's position (OutboxMaintenance).
produce='+xadd +xlen +xtrim +xinfo|groups +xpending +exists'

umask 077
tmp="$out.tmp.$$"
{
  echo "user default off resetkeys resetchannels -@all"
  echo "user admin on $(password_hash REDIS_PASSWORD) ~* &* +@all"
  # Rate-limit buckets of /api/auth/** (Spring Cloud Gateway's Lua script: GET, SETEX, TIME; EVALSHA, EVAL when the
  # script is not cached yet) and the replica heartbeats (a sorted set).
  echo "user gateway-service on $(password_hash GATEWAY_REDIS_PASSWORD) resetkeys resetchannels $common" \
    "~rate-limit:* ~gateway:replicas +evalsha +eval +get +setex +time +zadd +zremrangebyscore +zcard +zrem"
  # Login throttle counters (Lua: INCR, PEXPIRE, PTTL, DEL, GET, DECR).
  echo "user user-service on $(password_hash USERS_REDIS_PASSWORD) resetkeys resetchannels $common" \
    "~users:login-failures:* +evalsha +eval +incr +pexpire +pttl +del +get +decr"
  # The product cache (GET, SET [NX] PX, INCR of the listing generation, the tombstone Lua script) and the
  # near-cache eviction channel (PUBLISH, SUBSCRIBE); produces products.events, consumes orders.events.
  echo "user product-service on $(password_hash CATALOG_REDIS_PASSWORD) resetkeys resetchannels $common" \
    "~products:* &products:* +get +set +incr +evalsha +eval +publish +subscribe +unsubscribe" \
    "(~products.events $produce) (~orders.events $consume) (~orders.events.dead-letter $dead_letters)"
  echo "user order-service on $(password_hash ORDERS_REDIS_PASSWORD) resetkeys resetchannels $common" \
    "(~orders.events $produce)" \
    "(~payments.events ~products.events $consume)" \
    "(~payments.events.dead-letter ~products.events.dead-letter $dead_letters)"
  echo "user payment-service on $(password_hash PAYMENTS_REDIS_PASSWORD) resetkeys resetchannels $common" \
    "(~payments.events $produce) (~orders.events $consume) (~orders.events.dead-letter $dead_letters)"
} >"$tmp"
mv "$tmp" "$out"

if [ "$#" -gt 0 ]; then
  exec "$@"
fi
