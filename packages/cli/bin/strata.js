#!/usr/bin/env node
// The `strata` command. Node 24 runs the TypeScript sources directly (type stripping).
import { main } from '../src/main.ts';

await main(process.argv.slice(2));
