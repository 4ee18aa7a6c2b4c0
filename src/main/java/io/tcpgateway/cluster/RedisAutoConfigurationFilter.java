package io.tcpgateway.cluster;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's Redis auto-configuration, its health indicator included,
 * unless {@code gateway.cluster.enabled} is {@code true}, so that a single node never
 * connects to Redis nor reports it down.
 */
final class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.";

	private boolean clusterEnabled;

	@Override
	public void setEnvironment(Environment environment) {
		this.clusterEnabled = environment.getProperty("gateway.cluster.enabled", Boolean.class, false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = this.clusterEnabled || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATION);
		}
		return matches;
	}

}
