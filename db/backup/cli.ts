import { runBackupCommand } from './command.ts';

/** `npm run backup -- --out FILE` (and `npm run restore -- --in FILE`, routed here by db/lifecycle/cli.ts). */
await runBackupCommand(process.argv[2], process.argv.slice(3));
