// The part of jsdom's API the tests use (jsdom ships no types; a browser's parsers stand in for a reader's).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { contentType?: string; url?: string });
    readonly window: Window & typeof globalThis;
  }
}
