#!/usr/bin/env bash
# Container health check without curl or wget (the JRE base image need not have them): an HTTP/1.0 GET over bash's
# /dev/tcp to the service's readiness group. Healthy only on "HTTP/1.x 200". Usage: healthcheck [path]
# Asks the Actuator's own port when MANAGEMENT_SERVER_PORT moves it off the application port (PORT).
set -uo pipefail
path="${1:-/actuator/health/readiness}"
port="${MANAGEMENT_SERVER_PORT:-${PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 2 status <&3 || exit 1
exec 3<&- 3>&-
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]]
