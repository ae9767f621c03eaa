/**
 * Inside Teams the page is a tab: teams-js (served as its own script, not bundled) gives the
 * context (locale, theme) and SSO tokens. Only the part of its API the console uses is typed here.
 */
export interface TeamsContext {
  app?: { locale?: string; theme?: string };
}

export interface TeamsSdk {
  app: {
    initialize(): Promise<void>;
    getContext(): Promise<TeamsContext>;
    registerOnThemeChangeHandler(handler: (theme: string) => void): void;
  };
  authentication: { getAuthToken(): Promise<string> };
}

declare global {
  interface Window {
    microsoftTeams?: TeamsSdk;
    /** Present in the Teams mobile webview, where the page is not in a frame. */
    nativeInterface?: unknown;
  }
}

let sdk: TeamsSdk | null = null;

/** The SDK once initialised inside Teams, null in a plain browser. */
export function teams(): TeamsSdk | null {
  return sdk;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

/** The Teams context when the page runs as a Teams tab, null in a plain browser. */
export async function initTeams(onTheme: (theme: string) => void): Promise<TeamsContext | null> {
  const candidate = window.microsoftTeams;
  // Outside a frame (and outside the Teams mobile webview) there is no host to talk to.
  if (!candidate || (window.parent === window && !window.nativeInterface)) return null;
  try {
    await withTimeout(candidate.app.initialize(), 5000);
    const context = await candidate.app.getContext();
    sdk = candidate;
    candidate.app.registerOnThemeChangeHandler(onTheme);
    return context;
  } catch {
    return null;
  }
}

export function applyTheme(theme: string | undefined): void {
  const root = document.documentElement;
  if (theme === "dark" || theme === "contrast" || theme === "default") root.dataset.theme = theme;
  else delete root.dataset.theme;
}
