declare namespace App {
  interface Locals {
    /** The page language: `en` for paths under /en/, otherwise Chinese. */
    lang: 'zh' | 'en';
  }
}

/**
 * Plain `tsc` (npm run check) cannot read `.astro` files; `astro check` resolves them to their
 * real types, and this declaration only fills in where that resolution is unavailable.
 */
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
