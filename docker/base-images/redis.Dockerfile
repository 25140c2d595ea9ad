# Stand-in for redis:7 (see build.sh): Debian's redis-server, data in /data, as in the official image.
ARG BASE
FROM ${BASE}
RUN mkdir -p /data && chown redis:redis /data
WORKDIR /data
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
EXPOSE 6379
CMD ["redis-server", "--protected-mode", "no"]
