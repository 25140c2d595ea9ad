#!/usr/bin/env python3
"""Where a JVM's CPU goes, by library, from a JFR recording: for flat profiles, where no hot method stands out.

    jcmd <pid> JFR.start duration=40s filename=/tmp/x.jfr settings=profile \
        jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=5ms
    bench/jfr-breakdown.py /tmp/x.jfr [jdk.CPUTimeSample|jdk.ExecutionSample]
    DRILL=hibernate bench/jfr-breakdown.py /tmp/x.jfr       # the methods and callers behind one library

jdk.CPUTimeSample (JDK 25, Linux) samples by CPU time and sees the virtual threads a Tomcat with virtual threads runs
requests on; jdk.ExecutionSample mostly sees platform threads (consumer loops, schedulers) and misses the requests.
Three views: inclusive (share of samples with a frame of the library anywhere on the stack: a servlet filter wraps
the whole request, so filters look expensive here), self (top frame's package), and nearest library (each sample
goes to the library of the frame closest to the top that is not plain JDK code: the view that adds up to 100 %).
"""
import collections
import os
import re
import shutil
import subprocess
import sys

JFR = shutil.which("jfr") or "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
EVENT = sys.argv[2] if len(sys.argv) > 2 else "jdk.CPUTimeSample"
text = subprocess.run([JFR, "print", "--events", EVENT, "--stack-depth", "200", sys.argv[1]],
                      capture_output=True, text=True, check=True).stdout
samples, current = [], None
for line in text.splitlines():
    s = line.strip()
    if s.startswith(EVENT):
        current = []
        samples.append(current)
    elif current is not None and re.match(r"^[\w$.]+\.[\w$<>]+\(", s):
        current.append(s.split("(")[0])
n = max(len(samples), 1)
print(f"{EVENT}: {len(samples)} samples")

INCLUSIVE = {
    "spring security filter chain": "org.springframework.security.web.FilterChainProxy",
    "platform security": "com.northwind.shop.platform.security",
    "jjwt": "io.jsonwebtoken", "crypto": "sun.security", "jackson": "tools.jackson", "hibernate": "org.hibernate",
    "pgjdbc": "org.postgresql", "hikari": "com.zaxxer.hikari", "spring tx": "org.springframework.transaction",
    "bean validation": "org.hibernate.validator", "micrometer observation": "io.micrometer.observation",
    "micrometer tracing": "io.micrometer.tracing", "brave": "brave.", "logback": "ch.qos.logback",
    "tomcat": "org.apache", "jdk http client": "jdk.internal.net.http", "spring RestClient": "org.springframework.web.client",
    "lettuce": "io.lettuce", "netty": "io.netty", "reactor": "reactor.", "platform events": "com.northwind.shop.platform.events",
    "platform idempotency": "com.northwind.shop.platform.idempotency", "reflection": "jdk.internal.reflect",
}
inclusive = collections.Counter()
for stack in samples:
    inclusive.update({name for name, prefix in INCLUSIVE.items() if any(f.startswith(prefix) for f in stack)})
print("inclusive (a frame of it anywhere on the stack):")
for name, count in inclusive.most_common():
    print(f"  {name:32s} {100 * count / n:5.1f}%")

top = collections.Counter(stack[0].rsplit(".", 2)[0] for stack in samples if stack)
print("self (top frame's package):")
for package, count in top.most_common(20):
    print(f"  {package:70s} {100 * count / n:5.1f}%")

LIBRARIES = [
    ("jdk nio (syscalls)", "sun.nio"), ("jdk net", "java.net"), ("jdk http client", "jdk.internal.net.http"),
    ("pgjdbc", "org.postgresql"), ("hikari", "com.zaxxer"), ("hibernate", "org.hibernate"), ("jackson", "tools.jackson"),
    ("jackson annotations", "com.fasterxml"), ("jjwt", "io.jsonwebtoken"), ("crypto", "sun.security"),
    ("lettuce", "io.lettuce"), ("netty", "io.netty"), ("reactor", "reactor."), ("micrometer", "io.micrometer"),
    ("brave", "brave."), ("logback", "ch.qos"), ("apache (tomcat, httpclient)", "org.apache"), ("servlet api", "jakarta."),
    ("spring security", "org.springframework.security"), ("spring web", "org.springframework.web"),
    ("spring http", "org.springframework.http"), ("spring tx", "org.springframework.transaction"),
    ("spring orm", "org.springframework.orm"), ("spring jdbc", "org.springframework.jdbc"),
    ("spring data", "org.springframework.data"), ("spring cloud", "org.springframework.cloud"),
    ("spring aop", "org.springframework.aop"), ("spring core/beans", "org.springframework"),
    ("northwind", "com.northwind"), ("jfr", "jdk.jfr"),
]


def library(frame):
    return next((name for name, prefix in LIBRARIES if frame.startswith(prefix)), None)


nearest, drilled, callers = collections.Counter(), collections.Counter(), collections.Counter()
drill = os.environ.get("DRILL")
for stack in samples:
    for i, frame in enumerate(stack):
        name = library(frame)
        if name:
            nearest[name] += 1
            if name == drill:
                drilled[frame] += 1
                caller = next((g for g in stack[i + 1:] if library(g) != name), "?")
                callers[f"{frame} <- {caller}"] += 1
            break
    else:
        nearest["plain jdk"] += 1
print("nearest library (adds up to 100 %):")
for name, count in nearest.most_common():
    print(f"  {name:32s} {100 * count / n:5.1f}%")
if drill:
    print(f"{drill}: methods, then method <- first caller outside it")
    for frame, count in drilled.most_common(15):
        print(f"  {100 * count / n:5.1f}% {frame}")
    for frame, count in callers.most_common(15):
        print(f"  {100 * count / n:5.1f}% {frame}")
