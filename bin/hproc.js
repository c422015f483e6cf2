#!/usr/bin/env node
// The only file besides dist/main.js that touches `process`: it hands argv, env and the streams to run().
import { main } from '../dist/main.js';

main();
