/**
 * The visitor's secret, kept in localStorage per hub so a reload (or a later visit) continues the
 * same conversation. Storage can be unavailable (privacy modes, sandboxed frames): then the chat
 * still works, it just starts fresh next time.
 */
export interface TokenStore {
  get(): string | null;
  set(token: string): void;
}

export function localTokenStore(hubUrl: string): TokenStore {
  const key = `okno.visitor.${hubUrl}`;
  return {
    get() {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(token) {
      try {
        window.localStorage.setItem(key, token);
      } catch {
        // Not persisted; the conversation lasts as long as the page.
      }
    },
  };
}
