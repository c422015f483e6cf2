#!/usr/bin/env node
// The only file besides dist/main.js that touches `process`: it hands argv, env and the streams to run().
import module from 'node:module';

// Node 22.1 and later can keep V8's compiled code of the bundle between runs (in the OS temporary
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off); Node 20 has no such API. It must be on
// before the bundle loads, hence the dynamic import.
module.enableCompileCache?.();
const { main } = await import('../dist/main.js');

main();
