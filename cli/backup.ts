import { runBackupCommand } from './backup-command.ts';

/** `npm run backup -- --out FILE` (and `npm run restore -- --in FILE`, routed here by cli/lifecycle.ts). */
await runBackupCommand(process.argv[2], process.argv.slice(3));
