/**
 * Addresses the app writes into the history are built from `location.pathname`, and a path that
 * starts with `//` (http://host//evil.example/x) would read as a protocol-relative URL: another
 * origin, which `history.replaceState` refuses with a SecurityError (a blank page), and which a
 * link or redirect would follow. These helpers keep every such address a path of this origin.
 */

/**
 * A pathname as a path of this origin: tabs and newlines dropped (the URL parser drops them, so
 * "/\t/evil" would become "//evil"), a leading run of slashes and backslashes (browsers read "\" as
 * "/") collapsed to one "/", and a leading "/" added if missing. Never an absolute URL.
 */
export function normalisePath(pathname: string): string {
  const clean = pathname.replace(/[\t\n\r]/g, '');
  return `/${clean.replace(/^[/\\]+/, '')}`;
}

/** `path + search + hash` with the path normalised: always same-origin for history and links. */
export function sameOriginHref(pathname: string, search = '', hash = ''): string {
  return `${normalisePath(pathname)}${search}${hash}`;
}

/**
 * Rewrites the address bar once, before anything reads it, if its path would not survive being
 * written back (`//evil.example/x` becomes `/evil.example/x`). Returns whether it changed.
 */
export function canonicaliseAddress(): boolean {
  const { pathname, search, hash } = window.location;
  const path = normalisePath(pathname);
  if (path === pathname) return false;
  window.history.replaceState(window.history.state, '', sameOriginHref(path, search, hash));
  return true;
}
