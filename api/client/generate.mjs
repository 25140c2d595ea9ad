// Generates TypeScript types (client/generated/<service>.ts) from the committed OpenAPI documents, with
// openapi-typescript; openapi-fetch turns them into a typed client (client/index.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const api = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(api, "client/generated"), { recursive: true });
for (const service of ["users", "products", "orders", "payments"]) {
  execFileSync(
    join(api, "node_modules/.bin/openapi-typescript"),
    [join(api, `${service}.json`), "--output", join(api, `client/generated/${service}.ts`), "--root-types"],
    { stdio: "inherit" },
  );
}
