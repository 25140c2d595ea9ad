#!/usr/bin/env bash
# Writes the dev overlay's secret files (git-ignored: k8s/**/*.secret.*) with fresh random values, a new RSA
# signing key and a self-signed TLS certificate for shop.localtest.me. Existing files are kept, so re-running is
# safe; delete a file to regenerate it. kustomize's secretGenerator reads them (see ../kustomization.yaml).
#   k8s/overlays/dev/secrets/generate.sh && kubectl apply -k k8s/overlays/dev
set -euo pipefail
cd "$(dirname "$0")"
umask 077
secret() { openssl rand -base64 33 | tr -d '\n/+=' | cut -c1-40; }

write() { # file, then KEY=VALUE lines on stdin
  if [[ -e "$1" ]]; then echo "kept      $1"; cat >/dev/null; else cat >"$1"; echo "generated $1"; fi
}

# Client secrets are shared between user-service (which checks them) and the client service (which sends them).
client_secret() {
  local var="$1" f="client-$1.secret.env"
  [[ -e "$f" ]] || echo "$var=$(secret)" >"$f"
  cut -d= -f2- "$f"
}
order_secret="$(client_secret ORDER_SERVICE_CLIENT_SECRET)"
payment_secret="$(client_secret PAYMENT_SERVICE_CLIENT_SECRET)"
product_secret="$(client_secret PRODUCT_SERVICE_CLIENT_SECRET)"
# Redis ACL passwords: in the service's secret (REDIS_PASSWORD) and in redis-credentials (which writes the ACL file).
redis_secret() {
  local var="$1" f="redis-$1.secret.env"
  [[ -e "$f" ]] || echo "$var=$(secret)" >"$f"
  cut -d= -f2- "$f"
}
gateway_redis="$(redis_secret GATEWAY_REDIS_PASSWORD)"
users_redis="$(redis_secret USERS_REDIS_PASSWORD)"
catalog_redis="$(redis_secret CATALOG_REDIS_PASSWORD)"
orders_redis="$(redis_secret ORDERS_REDIS_PASSWORD)"
payments_redis="$(redis_secret PAYMENTS_REDIS_PASSWORD)"

write postgres.secret.env <<<"POSTGRES_PASSWORD=$(secret)"
# REDIS_PASSWORD: Redis's `admin` user (operators, probes); the services never see it.
write redis.secret.env <<ENV
REDIS_PASSWORD=$(secret)
GATEWAY_REDIS_PASSWORD=$gateway_redis
USERS_REDIS_PASSWORD=$users_redis
CATALOG_REDIS_PASSWORD=$catalog_redis
ORDERS_REDIS_PASSWORD=$orders_redis
PAYMENTS_REDIS_PASSWORD=$payments_redis
ENV
write gateway-service.secret.env <<<"REDIS_PASSWORD=$gateway_redis"
# BOOTSTRAP_ADMIN_*: dev's first administrator (user-service creates it at start-up if absent); prod sets none.
write user-service.secret.env <<ENV
DB_PASSWORD=$(secret)
REDIS_PASSWORD=$users_redis
BOOTSTRAP_ADMIN_EMAIL=admin@northwind.example
BOOTSTRAP_ADMIN_PASSWORD=$(secret)
ORDER_SERVICE_CLIENT_SECRET=$order_secret
PAYMENT_SERVICE_CLIENT_SECRET=$payment_secret
PRODUCT_SERVICE_CLIENT_SECRET=$product_secret
ENV
write product-service.secret.env <<ENV
DB_PASSWORD=$(secret)
REDIS_PASSWORD=$catalog_redis
SERVICE_CLIENT_SECRET=$product_secret
ENV
write order-service.secret.env <<ENV
DB_PASSWORD=$(secret)
REDIS_PASSWORD=$orders_redis
SERVICE_CLIENT_SECRET=$order_secret
ENV
write payment-service.secret.env <<ENV
DB_PASSWORD=$(secret)
REDIS_PASSWORD=$payments_redis
SERVICE_CLIENT_SECRET=$payment_secret
ENV

if [[ ! -e users-jwt-signing-key.secret.pem ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out users-jwt-signing-key.secret.pem 2>/dev/null
  echo "generated users-jwt-signing-key.secret.pem"
fi
if [[ ! -e tls.secret.crt ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=shop.localtest.me" \
    -addext "subjectAltName=DNS:shop.localtest.me" -keyout tls.secret.key -out tls.secret.crt 2>/dev/null
  echo "generated tls.secret.crt, tls.secret.key (self-signed, shop.localtest.me)"
fi
