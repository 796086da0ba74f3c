import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./db/schema/index.ts', './types/*/table.ts'],
  out: './db/migrations',
});
