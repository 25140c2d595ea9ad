# Stand-in for eclipse-temurin:25-jre (see build.sh): same JAVA_HOME and PATH as the official image.
ARG BASE
FROM ${BASE}
COPY jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8
CMD ["jshell"]
