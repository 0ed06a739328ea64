/** Where the widget came from and how it should speak, read from its own script tag. */
import { pickLang, type Lang } from './i18n.js';

export interface WidgetConfig {
  /** The hub's origin, e.g. https://hub.example.com */
  hubUrl: string;
  lang: Lang;
}

/**
 * The tag that loaded this script. document.currentScript is set while a classic script (async
 * included) first runs; the selectors are the fallback for loaders that inject the code.
 */
export function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return (
    document.querySelector<HTMLScriptElement>('script[data-okno-hub]') ??
    Array.from(document.scripts).find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src)) ??
    null
  );
}

export function readConfig(script: HTMLScriptElement | null, location: Location, navigatorLang: string): WidgetConfig {
  const explicit = script?.dataset.oknoHub;
  let hubUrl = location.origin;
  try {
    if (explicit) hubUrl = new URL(explicit, location.href).origin;
    else if (script?.src) hubUrl = new URL(script.src, location.href).origin;
  } catch {
    // A malformed attribute: fall back to the page's own origin.
  }
  return { hubUrl, lang: pickLang(script?.dataset.lang, navigatorLang) };
}

export function socketUrl(hubUrl: string, path: string): string {
  const url = new URL(path, hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
