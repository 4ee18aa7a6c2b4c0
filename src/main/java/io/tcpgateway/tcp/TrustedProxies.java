package io.tcpgateway.tcp;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * The peers whose PROXY protocol headers are believed: addresses and CIDR blocks, IPv4 or
 * IPv6.
 */
final class TrustedProxies {

	private final List<IpSubnetFilterRule> blocks;

	private TrustedProxies(List<IpSubnetFilterRule> blocks) {
		this.blocks = blocks;
	}

	/**
	 * Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code ::1} or {@code fd00::/8}.
	 * @param entries the addresses and blocks
	 * @return the trusted proxies
	 * @throws IllegalArgumentException if an entry is not an address or a block
	 */
	static TrustedProxies of(List<String> entries) {
		return new TrustedProxies(entries.stream().map(String::trim).map(TrustedProxies::block).toList());
	}

	private static IpSubnetFilterRule block(String entry) {
		int slash = entry.indexOf('/');
		String address = (slash >= 0) ? entry.substring(0, slash) : entry;
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
		if (bytes == null) {
			throw new IllegalArgumentException("not an address or CIDR block: '" + entry + "'");
		}
		int bits = bytes.length * 8;
		int prefix;
		try {
			prefix = (slash >= 0) ? Integer.parseInt(entry.substring(slash + 1)) : bits;
		}
		catch (NumberFormatException ex) {
			prefix = -1;
		}
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("not a CIDR prefix length: '" + entry + "'");
		}
		return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
	}

	boolean contains(InetSocketAddress peer) {
		for (IpSubnetFilterRule block : this.blocks) {
			if (block.matches(peer)) {
				return true;
			}
		}
		return false;
	}

}
