/** What stands in for the user-info part (`user:password@`) of a URL. */
export const REDACTED_CREDENTIALS = '***';

/**
 * Replaces the credentials of every URL in `text` (`http://user:pass@host` -> `http://***@host`), so a
 * model string like `openai-compatible:http://user:pass@host/v1#m` can be stored and printed. Text
 * without a URL with credentials is returned unchanged.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]+@/gi, `$1${REDACTED_CREDENTIALS}@`);
}

/** Whether `text` holds a URL whose credentials were redacted by `redactUrlCredentials`. */
export function hasRedactedCredentials(text: string): boolean {
  return text.includes(`://${REDACTED_CREDENTIALS}@`);
}
