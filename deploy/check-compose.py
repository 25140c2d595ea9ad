#!/usr/bin/env python3
"""Static checks of docker-compose.yml: the compose-spec JSON schema, plus the promises docs/deployment.md makes.

Usage: check-compose.py <compose-spec.json> [docker-compose.yml]. Needs PyYAML and jsonschema.
"""
import json
import re
import sys

import jsonschema
import yaml

schema_path = sys.argv[1]
compose_path = sys.argv[2] if len(sys.argv) > 2 else "docker-compose.yml"
problems = []

with open(schema_path) as f:
    schema = json.load(f)
# The packaged schema predates the top-level `name` (project name) that the current specification allows.
schema.setdefault("properties", {}).setdefault("name", {"type": "string"})
with open(compose_path) as f:
    compose = yaml.safe_load(f)

for error in jsonschema.Draft7Validator(schema).iter_errors(compose):
    problems.append(f"schema: {'/'.join(map(str, error.absolute_path))}: {error.message}")

services = compose["services"]
app = {n: s for n, s in services.items() if "profiles" not in s}
observability = {n: s for n, s in services.items() if "observability" in s.get("profiles", [])}
interpolated = re.compile(r"^\$\{[A-Z0-9_]+(:[?-][^}]*)?\}$")
secretish = re.compile(r"PASSWORD|SECRET|_PEM$|_KEY$|AUTH")

for name, svc in services.items():
    # Jaeger's image has nothing to run a health check with; nothing depends on it.
    if "healthcheck" not in svc and name != "jaeger":
        problems.append(f"{name}: no healthcheck")
    for dep, cond in (svc.get("depends_on") or {}).items():
        if not isinstance(cond, dict) or cond.get("condition") != "service_healthy":
            problems.append(f"{name}: depends_on {dep} without condition service_healthy")
    env = svc.get("environment") or {}
    if isinstance(env, list):
        problems.append(f"{name}: environment as a list; use a map")
        env = {}
    for key, value in env.items():
        if secretish.search(key) and not interpolated.match(str(value)):
            problems.append(f"{name}: {key} is a literal; secrets come from .env as ${{VAR:?message}}")

published = sorted(n for n, s in app.items() if s.get("ports"))
if published != ["gateway-service"]:
    problems.append(f"only the gateway may publish ports, found {published}")
for name, svc in observability.items():
    for port in svc.get("ports", []):
        if not str(port).startswith("127.0.0.1:"):
            problems.append(f"{name}: port {port} not bound to 127.0.0.1")

if not {"product-service-1", "product-service-2"} <= services.keys():
    problems.append("two product-service instances (product-service-1, product-service-2)")
gateway_json = json.loads(services["gateway-service"]["environment"]["SPRING_APPLICATION_JSON"])
instances = gateway_json["spring"]["cloud"]["discovery"]["client"]["simple"]["instances"]
if [i["uri"] for i in instances["product-service"]] != ["http://product-service-1:8082", "http://product-service-2:8082"]:
    problems.append("gateway must list both product-service instances")
redis_cmd = " ".join(services["redis"]["command"])
if "--appendonly yes" not in redis_cmd:
    problems.append("redis: AOF must be on")
if not compose["networks"]["backend"].get("internal"):
    problems.append("backend network must be internal")
for name in ("user-service", "product-service-1", "order-service", "payment-service"):
    env = services[name]["environment"]
    if env.get("DB_USERNAME") in (None, "postgres"):
        problems.append(f"{name}: must use its own DB role, not postgres")

if problems:
    print(f"{compose_path}: {len(problems)} problem(s)")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print(f"{compose_path}: valid against the compose schema; {len(services)} services "
      f"({len(observability)} in profile observability), healthchecks, no secret literals, only the gateway published")
