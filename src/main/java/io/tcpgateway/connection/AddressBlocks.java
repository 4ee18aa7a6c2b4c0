package io.tcpgateway.connection;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * A set of peer addresses given as single addresses and CIDR blocks, IPv4 or IPv6, such
 * as the proxies whose PROXY headers are believed or the machines that may send alarms.
 */
public final class AddressBlocks {

	private final List<IpSubnetFilterRule> blocks;

	private AddressBlocks(List<IpSubnetFilterRule> blocks) {
		this.blocks = blocks;
	}

	/**
	 * Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code ::1} or {@code fd00::/8}.
	 * @param entries the addresses and blocks
	 * @return the blocks
	 * @throws IllegalArgumentException if an entry is not an address or a block
	 */
	public static AddressBlocks of(List<String> entries) {
		return new AddressBlocks(entries.stream().map(String::trim).map(AddressBlocks::block).toList());
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

	/**
	 * Whether a peer's address is in one of the blocks.
	 * @param peer the peer
	 * @return {@code true} if it is
	 */
	public boolean contains(InetSocketAddress peer) {
		for (IpSubnetFilterRule block : this.blocks) {
			if (block.matches(peer)) {
				return true;
			}
		}
		return false;
	}

}
