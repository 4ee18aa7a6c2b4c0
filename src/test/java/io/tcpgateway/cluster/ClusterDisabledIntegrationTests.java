package io.tcpgateway.cluster;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default single node: no cluster, no Redis connection factory, and no {@code redis}
 * health component that could report a Redis nobody runs.
 */
@SpringBootTest(properties = { "gateway.tcp.port=0", "server.port=0" })
class ClusterDisabledIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void aSingleNodeNeedsNoRedis() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClusterNode.class)).isEmpty();
		assertThat(this.context.containsBean("redisHealthContributor")).isFalse();
		assertThat(this.context.getBean(HealthEndpoint.class).health().getStatus().getCode()).isEqualTo("UP");
	}

}
