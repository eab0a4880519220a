#!/usr/bin/env node
/**
 * The `cognito-edge` command (package.json `bin`): `local` serves a local pool on loopback,
 * `login` signs in and prints tokens, `demo` runs the narrated demo. The commands live in
 * `src/cli/`; `cognito-edge --help` lists them. Node only.
 * @module
 */
import { run } from './cli/main.ts'

run(process.argv.slice(2))
