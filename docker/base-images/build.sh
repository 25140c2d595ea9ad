#!/usr/bin/env bash
# Makes sure the base images that docker/Dockerfile and docker-compose.yml name exist in the local Docker engine:
#   eclipse-temurin:25-jre   postgres:15   redis:7
# An image already present is kept; a missing one is pulled. Where the registry cannot be reached (CI here: no Docker
# Hub), a stand-in is built from Debian packages instead and tagged with the same name:
#   - eclipse-temurin:25-jre  a Debian minbase root with a JRE jlink'ed from the JDK 25 on this machine, at the
#                             official image's path (/opt/java/openjdk);
#   - postgres:15             Debian's postgresql-15 with docker-entrypoint.sh (this folder), which honours the
#                             official image's contract: POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB,
#                             POSTGRES_INITDB_ARGS, PGDATA, /docker-entrypoint-initdb.d/*.sh|*.sql;
#   - redis:7                 Debian's redis-server and redis-cli, working directory /data.
# Stand-ins carry the label org.northwind.stand-in=true and are never pushed (the build has no push step; do not
# push them by hand: `docker/base-images/build.sh --list` shows which local images are stand-ins).
#
# The Debian root filesystems come from debootstrap (Debian package) and the mirror apt uses
# (DEBIAN_MIRROR, default http://deb.debian.org/debian); they are cached as tarballs in
# ${NORTHWIND_BASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/northwind-base-images}, keyed by what goes into them,
# so a second run only imports them. Needs root (debootstrap, chroot), a running Docker engine, and for the JRE
# stand-in a JDK 25 (JAVA25_HOME, else bin/find-java).
#   docker/base-images/build.sh            ensure all three
#   docker/base-images/build.sh --standin  build stand-ins even where a pull would work (what CI checks)
#   docker/base-images/build.sh --list     which local images are stand-ins
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
suite=bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${NORTHWIND_BASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/northwind-base-images}"
force_standin=false
case "${1:-}" in
  --standin) force_standin=true ;;
  --list) docker images --filter label=org.northwind.stand-in=true --format '{{.Repository}}:{{.Tag}}  {{.ID}}  {{.CreatedSince}}'; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--standin|--list]" >&2; exit 2 ;;
esac
log() { echo "base-images: $*" >&2; }
# The cache key of the root filesystems and the stand-ins: what goes into them (the entrypoint, the suite, and
# rootfs_version, raised by hand whenever rootfs() or the packages change), not this script's other lines, so an edit
# elsewhere here does not cost a debootstrap.
rootfs_version=2
key="$({ cat "$here/docker-entrypoint.sh"; echo "$suite $rootfs_version"; } | sha256sum | cut -c1-12)"

present() { docker image inspect "$1" >/dev/null 2>&1; }
is_standin() { [[ "$(docker image inspect -f '{{index .Config.Labels "org.northwind.stand-in"}}' "$1" 2>/dev/null)" == true ]]; }
standin_current() { [[ "$(docker image inspect -f '{{index .Config.Labels "org.northwind.stand-in.key"}}' "$1" 2>/dev/null)" == "$key" ]]; }

# rootfs <name> <packages...>: a cached tarball of a Debian minbase root with the packages installed, prepared in
# the chroot (a stand-in's files are in place before import: no build step copies the root filesystem again, which
# under the vfs storage driver is what costs).
rootfs() {
  local name="$1"; shift
  local tar="$cache/$name-$suite-$key.tar"
  if [[ ! -s "$tar" ]]; then
    command -v debootstrap >/dev/null || { log "debootstrap missing (apt-get install debootstrap)"; return 1; }
    local dir; dir="$(mktemp -d "${TMPDIR:-/tmp}/northwind-rootfs-$name.XXXXXX")"
    # mktemp makes the directory 0700, and it becomes the image's `/`: no non-root user could run anything.
    chmod 755 "$dir"
    log "debootstrap $suite ($name) from $mirror"
    debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 || { tail -20 "$dir.log" >&2; return 1; }
    if (($#)); then
      # Nothing may start inside the chroot (a postgres on the host's 5432), and no cluster is created at install:
      # the entrypoint creates it on first start, as the official image does.
      printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod 755 "$dir/usr/sbin/policy-rc.d"
      mkdir -p "$dir/etc/postgresql-common"
      echo "create_main_cluster = false" >"$dir/etc/postgresql-common/createcluster.conf"
      chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
        >>"$dir.log" 2>&1 || { tail -20 "$dir.log" >&2; return 1; }
      rm -f "$dir/usr/sbin/policy-rc.d"
    fi
    if [[ "$name" == data ]]; then
      # postgres: the entrypoint and the directories the official image has; redis: /data.
      install -m 755 "$here/docker-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
      mkdir -p "$dir/docker-entrypoint-initdb.d" "$dir/var/lib/postgresql/data" "$dir/var/run/postgresql" "$dir/data"
      chroot "$dir" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
      chmod 2777 "$dir/var/run/postgresql"
      chroot "$dir" chown redis:redis /data
    fi
    chroot "$dir" apt-get clean
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* \
      "$dir"/var/log/*.log "$dir"/var/cache/debconf/*-old
    mkdir -p "$cache"
    rm -f "$cache/$name-$suite-"*.tar
    tar --numeric-owner -C "$dir" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$dir" "$dir.log"
  fi
  echo "$tar"
}

# import <tag> <tarball> <Dockerfile instructions...>: the root filesystem as a one-layer image with that
# configuration (`docker import --change`), labelled as a stand-in.
import() {
  local tag="$1" tar="$2"; shift 2
  local changes=(--change "LABEL org.northwind.stand-in=true org.northwind.stand-in.key=$key")
  local change
  for change in "$@"; do changes+=(--change "$change"); done
  docker import --message "northwind stand-in ($key)" "${changes[@]}" "$tar" "$tag" >/dev/null
  log "imported stand-in $tag"
}

jre_standin() {
  local java_home="${JAVA25_HOME:-}"
  if [[ -z "$java_home" ]]; then
    local candidate
    for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* "$(dirname "$(dirname "$(readlink -f "$("$repo/bin/find-java")")")")"; do
      if [[ -x "$candidate/bin/jlink" ]] && "$candidate/bin/java" -version 2>&1 | grep -q '"25'; then java_home="$candidate"; break; fi
    done
  fi
  [[ -n "$java_home" ]] || { log "no JDK 25 with jlink found (set JAVA25_HOME)"; return 1; }
  local base; base="$(rootfs minbase)"
  local ctx; ctx="$(mktemp -d)"
  # The modules a Spring Boot service uses, plus the management and crypto extras the official JRE also has.
  "$java_home/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.jfr,jdk.net,jdk.naming.dns,jdk.zipfs,jdk.crypto.cryptoki,jdk.httpserver,jdk.localedata \
    --strip-debug --no-man-pages --no-header-files --output "$ctx/jre"
  # The minbase root plus the JRE at the official image's path, appended to a copy of the cached tarball. /opt/java
  # goes in as an entry of its own, mode 0755: a parent directory missing from a layer tarball is created 0600 by the
  # engine, and then no non-root user can reach java ("exec: java: Permission denied", found by running an image as
  # uid 10001).
  mkdir -p "$ctx/root/opt/java" && mv "$ctx/jre" "$ctx/root/opt/java/openjdk"
  chmod 755 "$ctx/root/opt/java" "$ctx/root/opt/java/openjdk"
  cp "$base" "$ctx/root.tar"
  tar --numeric-owner --owner=0 --group=0 -C "$ctx/root" -rf "$ctx/root.tar" ./opt/java
  import eclipse-temurin:25-jre "$ctx/root.tar" \
    'ENV JAVA_HOME=/opt/java/openjdk' \
    'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' \
    'CMD ["jshell"]'
  rm -rf "$ctx"
}

# postgres and redis share one root filesystem. The official postgres image's STOPSIGNAL SIGINT (fast shutdown) cannot
# be set by `docker import --change` (the engine refuses it), so `docker stop` gives the stand-in a smart shutdown
# (SIGTERM), ended by SIGKILL after the grace period if clients stay connected.
data_standin() {
  local base; base="$(rootfs data postgresql-15 redis-server)"
  case "$1" in
    postgres:15) import postgres:15 "$base" \
      'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      'ENV PGDATA=/var/lib/postgresql/data' 'ENV LANG=C.UTF-8' 'EXPOSE 5432' \
      'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]' ;;
    redis:7) import redis:7 "$base" \
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' \
      'WORKDIR /data' 'EXPOSE 6379' 'CMD ["redis-server", "--protected-mode", "no"]' ;;
  esac
}

missing=()
for image in eclipse-temurin:25-jre postgres:15 redis:7; do
  if present "$image" && { ! is_standin "$image" || standin_current "$image"; } \
     && { ! $force_standin || is_standin "$image"; }; then
    log "$image present$(is_standin "$image" && echo ' (stand-in)')"
    continue
  fi
  if ! $force_standin && docker pull -q "$image" >/dev/null 2>&1; then
    log "$image pulled"
    continue
  fi
  log "$image: registry unreachable, building a stand-in from Debian packages"
  missing+=("$image")
done
# The two root filesystems (minbase + JRE; PostgreSQL and Redis) are made in parallel: debootstrap waits on the
# mirror and the disk more than on the CPU.
pids=()
for image in "${missing[@]}"; do
  case "$image" in
    eclipse-temurin:*) jre_standin & pids+=($!) ;;
    postgres:*) { rootfs data postgresql-15 redis-server >/dev/null; data_standin "$image"; } & pids+=($!) ;;
  esac
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for image in "${missing[@]}"; do
  case "$image" in redis:*) data_standin "$image" || status=1 ;; esac
done
exit "$status"
