/** The routes a request can reach in an app, and which one a given request reaches (for coverage checks in tests). */

/** Every mounted route as `METHOD /path/:param`; Hono's `ALL` entries are middleware. */
export function mountedRoutes(app: { routes: readonly { method: string; path: string }[] }): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
}

/** The mounted route (of `mountedRoutes`) that `method path` reaches, query ignored; undefined for none. */
export function routeOf(routes: readonly string[], method: string, path: string): string | undefined {
  const pathname = path.split('?')[0] ?? '';
  return routes.find((route) => {
    const [m = '', p = ''] = route.split(' ');
    if (m !== method.toUpperCase()) return false;
    const pattern = p
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return new RegExp(`^${pattern}$`).test(pathname);
  });
}
