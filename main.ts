import 'reflect-metadata';
/** @module contiv-ts entry point (Deno: `deno run -P main.ts <command>`): dispatches to the CLI commands. */
import process from 'node:process';
import { runCli } from './cli/commands.ts';

process.exit(await runCli(process.argv.slice(2)));
