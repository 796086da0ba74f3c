declare namespace App {
  interface Locals {
    /** The page language: `en` for paths under /en/, otherwise Chinese. */
    lang: 'zh' | 'en';
  }
}
