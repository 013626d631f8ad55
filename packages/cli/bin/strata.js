#!/usr/bin/env -S node --max-semi-space-size=64
// The `strata` command. Node 24 runs the TypeScript sources directly (type stripping).
// A larger young generation cuts garbage collection by about a fifth on large trees
// (docs/benchmarks.md).
import { main } from '../src/main.ts';

await main(process.argv.slice(2));
