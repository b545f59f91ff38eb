/**
 * Outbound URLs an administrator configures (robots, webhooks, provider endpoints) must not
 * reach the installation's own network: a host that resolves to a private, loopback,
 * link-local, unique-local, CGNAT, multicast or unspecified address is refused unless its name
 * is allow-listed. Checked when the URL is saved and again at connect time, on the very
 * address the socket uses (DNS may have changed since, or answer differently per query).
 */
import dns from 'node:dns';
import net from 'node:net';

/** A refused target; the message names the host and the address it resolved to, `zh` the same in zh-CN. */
export class TargetRefused extends Error {
  readonly zh: string;

  constructor(message: string, zh: string) {
    super(message);
    this.name = 'TargetRefused';
    this.zh = zh;
  }
}

const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 can reach IPv4 private space
] as const)
  BLOCKED.addSubnet(prefix, bits, 'ipv6');

/** True for an address TACdesk must not send to without an allow-list entry. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  // IPv4-mapped (::ffff:10.0.0.1) and -compatible forms are checked as the IPv4 they carry.
  const mapped = /^(?:0*:)*:?(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const hex = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    return BLOCKED.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return BLOCKED.check(address, 'ipv6');
}

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Whether the host of `url` is on the administrators' allow-list. */
export function isAllowListed(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = bareHost(hostname);
  return allowedHosts.some((h) => bareHost(h) === host);
}

type Lookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;
const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Checks a configured URL: http(s) only, no user-info, http only for an allow-listed host, and
 * every address the host resolves to public (unless allow-listed). Throws `TargetRefused`.
 */
export async function checkTargetUrl(
  raw: string,
  allowedHosts: readonly string[],
  lookup: Lookup = systemLookup,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('not a valid URL', '不是有效的网址');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TargetRefused('only https URLs', '只能使用 https 网址');
  if (url.username || url.password)
    throw new TargetRefused('credentials in the URL are not allowed', '网址中不能包含用户名或密码');
  const allowed = isAllowListed(url.hostname, allowedHosts);
  if (url.protocol === 'http:' && !allowed)
    throw new TargetRefused(
      `plain http is allowed only for an allow-listed host (${url.hostname})`,
      `只有白名单中的主机才能使用 http（${url.hostname}）`,
    );
  if (allowed) return url;
  await checkTargetHost(url.hostname, allowedHosts, lookup);
  return url;
}

/**
 * Checks a configured host (an SMTP server's): every address it resolves to public, unless the
 * host is allow-listed. Throws `TargetRefused`.
 */
export async function checkTargetHost(
  hostname: string,
  allowedHosts: readonly string[],
  lookup: Lookup = systemLookup,
): Promise<void> {
  if (isAllowListed(hostname, allowedHosts)) return;
  const host = bareHost(hostname);
  let addresses: Array<{ address: string }>;
  try {
    addresses = net.isIP(host) ? [{ address: host }] : await lookup(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new TargetRefused(`${host} does not resolve (${code})`, `无法解析 ${host}（${code}）`);
  }
  if (addresses.length === 0) throw new TargetRefused(`${host} does not resolve`, `无法解析 ${host}`);
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  if (inside)
    throw new TargetRefused(
      `${host} resolves to the private or loopback address ${inside.address}; an administrator must allow-list the host`,
      `${host} 解析到内网或本机地址 ${inside.address}；须由管理员将该主机加入白名单`,
    );
}

/**
 * A TCP connection to a configured host through the guard: an IP literal is checked as it is, a
 * name on the address the socket connects to (as `guardedLookup`). Rejects with `TargetRefused`
 * or the socket's error.
 */
export function connectGuarded(
  hostname: string,
  port: number,
  allowedHosts: readonly string[],
  timeoutMs: number,
): Promise<net.Socket> {
  const host = bareHost(hostname);
  if (net.isIP(host) && !isAllowListed(host, allowedHosts) && isPrivateAddress(host))
    return Promise.reject(
      new TargetRefused(
        `${host} is a private or loopback address; an administrator must allow-list the host`,
        `${host} 是内网或本机地址；须由管理员将该主机加入白名单`,
      ),
    );
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, lookup: guardedLookup(allowedHosts), timeout: timeoutMs });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('timeout', () =>
      fail(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    socket.once('connect', () => {
      socket.off('error', fail);
      socket.setTimeout(0);
      resolve(socket);
    });
  });
}

/**
 * A `lookup` for `http.request` that refuses a private answer at connect time, so the address
 * checked is the address used (no DNS rebinding between the check and the connection).
 */
export function guardedLookup(allowedHosts: readonly string[]): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      if (!isAllowListed(hostname, allowedHosts)) {
        const inside = list.find((a) => isPrivateAddress(a.address));
        if (inside || list.length === 0)
          return callback(
            new TargetRefused(
              `${hostname} resolves to the private or loopback address ${inside?.address ?? '-'}`,
              `${hostname} 解析到内网或本机地址 ${inside?.address ?? '-'}`,
            ),
            '',
            0,
          );
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
