package io.tcpgateway.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.tcpgateway.support.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer reads {@code /actuator/cluster}, which exists only with the cluster on, on a
 * node joined to a real Redis.
 */
class ClusterViewerIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void viewerReadsTheClusterEndpointAndAnonymousDoesNot() throws Exception {
		try (RedisServer redis = RedisServer.startOnFreePort();
				ClusterTestNode node = ClusterTestNode.start("node-v", redis.port(),
						"gateway.security.viewer.name=watcher", "gateway.security.viewer.password=only-looking")) {
			HttpResponse<String> asViewer = get(node, "Basic "
					+ Base64.getEncoder().encodeToString("watcher:only-looking".getBytes(StandardCharsets.UTF_8)));
			assertThat(asViewer.statusCode()).as(asViewer.body()).isEqualTo(200);
			assertThat(asViewer.body()).contains("\"self\":\"node-v\"");
			assertThat(node.get("/actuator/cluster", false).statusCode()).isEqualTo(401);
		}
	}

	private HttpResponse<String> get(ClusterTestNode node, String authorization) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/actuator/cluster"))
			.header("Authorization", authorization)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
