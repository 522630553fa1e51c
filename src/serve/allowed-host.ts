import { isIP } from "node:net";

/** The host name of a `Host` header, without its port and, for an IPv6 literal, without its brackets. */
function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * Whether the dev server answers a request with this `Host` header: an IP
 * address, `localhost` (or a name under it), or the host it was told to
 * listen on. Any other name means the page that sent it was loaded from
 * somewhere else and reached this server by DNS rebinding, so it would read
 * the site (and its reload stream) from another origin; it gets a 403.
 */
export function isAllowedHost(header: string | undefined, listeningOn: string): boolean {
  if (header === undefined) return false;
  const name = hostName(header);
  return isIP(name) !== 0 || name === "localhost" || name.endsWith(".localhost") || name === listeningOn.toLowerCase();
}
