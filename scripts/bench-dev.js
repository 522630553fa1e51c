#!/usr/bin/env node
// Save → served time of `lessons dev` (after `npm run compile && tsc -p bench`): node scripts/bench-dev.js [root] [edits]
import { measureDevRebuild } from "../bench/lib/measure-dev.js";

const root = process.argv[2] ?? ".";
const edits = Number(process.argv[3] ?? "7");
const times = (await measureDevRebuild(root, edits)).map(Math.round);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`lessons dev, save → served: median ${median} ms over ${times.length} edits (${times.join(", ")} ms)`);
