#!/usr/bin/env node
// Before packing (npm runs this in the package folder): compiled files whose source was removed or moved would otherwise ship.
import { rmSync } from "node:fs";

rmSync("lib", { recursive: true, force: true });
