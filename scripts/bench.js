#!/usr/bin/env node
// `npm run bench`: the benchmark lives in src/bench/ (TypeScript, compiled to lib/ by `npm run compile`).
import { main } from "../lib/bench/run.js";

await main(process.argv.slice(2));
