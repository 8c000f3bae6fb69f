/** Which URLs a story may carry to readers: links and images limited to safe schemes. */

const linkSchemes = new Set(['http:', 'https:', 'mailto:']);
const imageSchemes = new Set(['http:', 'https:']);

function schemeOf(url: string): string | null {
  const trimmed = url.trim();
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed.replace(/[\u0000-\u0020]/g, ''));
  return match ? `${match[1].toLowerCase()}:` : null;
}

/** A path on this site ("/news/…") or a fragment ("#notes"): the only URLs without a scheme we keep. */
const sitePath = (url: string) => /^[/#]/.test(url.trim());

/** The link if its scheme is http, https or mailto, or it is a path on this site; else null. */
export function safeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  const scheme = schemeOf(url);
  return (scheme === null && sitePath(url)) || (scheme !== null && linkSchemes.has(scheme)) ? url.trim() : null;
}

/** The image source if its scheme is http or https, or it is a path on this site; else null. */
export function safeImage(url: string | null | undefined): string | null {
  if (!url) return null;
  const scheme = schemeOf(url);
  return (scheme === null && sitePath(url)) || (scheme !== null && imageSchemes.has(scheme)) ? url.trim() : null;
}
