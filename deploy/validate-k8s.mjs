// Validates every object of a rendered kustomization (multi-document YAML on stdin) against the Kubernetes OpenAPI
// schemas shipped in the npm package kubernetes-models, and checks the invariants this repo promises for every
// service Deployment. Exit status 1 on any finding. Run through deploy/check.sh, which installs the packages.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const modules = process.env.NODE_MODULES;
const require = createRequire(path.join(modules, "noop.js"));
const yaml = require("js-yaml");
const label = process.argv[2] ?? "stdin";

const docs = yaml.loadAll(readFileSync(0, "utf8")).filter(Boolean);
const problems = [];
const kinds = {};

for (const doc of docs) {
  const id = `${doc.kind}/${doc.metadata?.name}`;
  kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
  const group = doc.apiVersion.includes("/") ? doc.apiVersion : `v1`;
  const file = path.join(modules, "kubernetes-models", group === "v1" ? "v1" : group, `${doc.kind}.js`);
  let Model;
  try {
    Model = (await import(file))[doc.kind];
  } catch (e) {
    problems.push(`${id}: no schema for ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  // kustomize wraps long base64 values over several lines; the API server's decoder skips the newlines, the
  // schema's "byte" format does not.
  if (doc.kind === "Secret" && doc.data) {
    for (const k of Object.keys(doc.data)) doc.data[k] = doc.data[k].replace(/\s+/g, "");
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    problems.push(`${id}: ${e.message}`);
  }
}

// House invariants for the application Deployments.
const deployments = docs.filter((d) => d.kind === "Deployment");
const hpaTargets = new Set(docs.filter((d) => d.kind === "HorizontalPodAutoscaler").map((h) => h.spec.scaleTargetRef.name));
const pdbNames = new Set(docs.filter((d) => d.kind === "PodDisruptionBudget").map((p) => p.spec.selector.matchLabels["app.kubernetes.io/name"]));
for (const d of deployments) {
  const id = `Deployment/${d.metadata.name}`;
  const pod = d.spec.template.spec;
  const must = (ok, what) => ok || problems.push(`${id}: ${what}`);
  must(pod.securityContext?.runAsNonRoot === true, "pod runAsNonRoot");
  must(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "seccomp RuntimeDefault");
  must(pod.automountServiceAccountToken === false, "no service account token");
  must(pdbNames.has(d.metadata.name), "has a PodDisruptionBudget");
  for (const c of pod.containers) {
    const sc = c.securityContext ?? {};
    must(sc.readOnlyRootFilesystem === true, `${c.name}: readOnlyRootFilesystem`);
    must(sc.allowPrivilegeEscalation === false, `${c.name}: allowPrivilegeEscalation false`);
    must(JSON.stringify(sc.capabilities?.drop) === '["ALL"]', `${c.name}: drop ALL capabilities`);
    must(c.resources?.limits?.memory && c.resources?.limits?.cpu, `${c.name}: cpu and memory limits`);
    must(c.resources?.requests?.memory && c.resources?.requests?.cpu, `${c.name}: cpu and memory requests`);
    must(c.startupProbe?.httpGet?.path === "/actuator/health/liveness", `${c.name}: startupProbe on liveness group`);
    must(c.livenessProbe?.httpGet?.path === "/actuator/health/liveness", `${c.name}: livenessProbe on liveness group`);
    must(c.readinessProbe?.httpGet?.path === "/actuator/health/readiness", `${c.name}: readinessProbe on readiness group`);
    must((c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp"), `${c.name}: writable /tmp`);
    must(!(c.env ?? []).some((e) => /PASSWORD|SECRET|KEY/.test(e.name) && e.value !== undefined), `${c.name}: no secret literal in env`);
  }
  if (["gateway-service", "product-service", "order-service"].includes(d.metadata.name)) {
    must(hpaTargets.has(d.metadata.name), "has a HorizontalPodAutoscaler");
  }
}
for (const cm of docs.filter((d) => d.kind === "ConfigMap")) {
  for (const k of Object.keys(cm.data ?? {})) {
    if (/PASSWORD|SECRET|PRIVATE/.test(k)) problems.push(`ConfigMap/${cm.metadata.name}: secret-looking key ${k}`);
  }
}
const ingresses = docs.filter((d) => d.kind === "Ingress");
if (ingresses.length !== 1 || ingresses[0].spec.rules[0].http.paths[0].backend.service.name !== "gateway-service" || !ingresses[0].spec.tls?.length) {
  problems.push("exactly one Ingress, with TLS, to gateway-service");
}
if (!docs.some((d) => d.kind === "NetworkPolicy" && d.metadata.name === "default-deny-all")) problems.push("default-deny NetworkPolicy");

const summary = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ");
if (problems.length) {
  console.error(`${label}: ${problems.length} problem(s)\n  ` + problems.join("\n  "));
  process.exit(1);
}
console.log(`${label}: ${docs.length} objects valid (${summary})`);
