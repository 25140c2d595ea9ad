#!/usr/bin/env bash
# Regenerates the committed OpenAPI documents (api/<service>.json) from the code: boots each service's test
# application and writes what it serves at /v3/api-docs. Run it after changing an endpoint, then commit api/.
# `./mvnw verify` fails while a committed document differs from the code's.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -fae -pl user-service,product-service,order-service,payment-service -am test \
  -Dtest='*ServiceTests#servesTheCommittedApiDocument' -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspotless.check.skip=true -Dapi.update=true
git status --short -- api/
