#!/usr/bin/env node
// `npm run bench`: the benchmark lives in bench/src/ (TypeScript, compiled to bench/lib/ by `tsc -p bench`).
import { main } from "../bench/lib/run.js";

await main(process.argv.slice(2));
