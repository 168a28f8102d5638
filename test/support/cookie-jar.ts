/**
 * Just enough of a browser for redirect flows over real HTTP: cookies per host:port
 * (path and expiry honoured, attributes otherwise ignored) and redirects followed one by
 * one so that tests can inspect or tamper with each hop.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(url: string, response: Response): void {
    const { host } = new URL(url);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired =
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      const key = `${host} ${name} ${path}`;
      if (expired || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: string): string {
    const { host, pathname } = new URL(url);
    return [...this.cookies.entries()]
      .filter(([key, c]) => key.startsWith(`${host} `) && pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split(' ')[1]}=${c.value}`)
      .join('; ');
  }

  /** One request without following redirects; cookies sent and stored. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }

  /** Follows redirects until `stop(url)` says so or a non-redirect answer arrives. */
  async follow(url: string, stop: (url: string) => boolean = () => false, limit = 15) {
    let current = url;
    for (let hop = 0; hop < limit; hop++) {
      if (stop(current)) return { url: current, response: null };
      const response = await this.fetch(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.arrayBuffer();
      current = new URL(location, current).toString();
    }
    throw new Error(`more than ${limit} redirects from ${url}`);
  }
}
