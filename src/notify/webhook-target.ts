import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Why a notification may not go to this URL, or undefined when it may. */
export type WebhookTargetCheck = (url: string) => Promise<string | undefined>;

export type Lookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

/**
 * Addresses a merchant's notifyUrl must not reach: this machine (ARI, the admin HTTP, the sandbox
 * acquirer listen on loopback), the private networks around it, link-local (cloud metadata at
 * 169.254.169.254) and addresses that are not unicast.
 */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

function isPublic(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !NOT_PUBLIC.check(mapped[1], 'ipv4');
  return !NOT_PUBLIC.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Refuses notification URLs that resolve to a non-public address (server-side request forgery through
 * notifyUrl), unless private networks are allowed (NOTIFY_ALLOW_PRIVATE_NETWORKS, for a merchant system
 * on the same LAN or a test receiver on this machine). Checked before each POST, so a name that later
 * moves to a private address is caught; fetch resolves the name again, so a DNS server answering
 * differently within that moment is not.
 */
export function webhookTargetCheck(opts: { allowPrivateNetworks: boolean; lookup?: Lookup }): WebhookTargetCheck {
  const lookup = opts.lookup ?? systemLookup;
  return async (url) => {
    if (opts.allowPrivateNetworks) return undefined;
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    } catch {
      return 'the notifyUrl is not a valid URL';
    }
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : (await lookup(host)).map((a) => a.address);
    } catch (err) {
      const code = (err as { code?: string }).code;
      return `cannot resolve the notifyUrl's host${code ? ` (${code})` : ''}`;
    }
    const refused = addresses.find((a) => !isPublic(a));
    if (refused === undefined) return undefined;
    return `the notifyUrl's host resolves to ${refused}, not a public address (NOTIFY_ALLOW_PRIVATE_NETWORKS=true allows it)`;
  };
}
