package io.tcpgateway.cluster;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.TcpGatewayApplication;
import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One gateway node of a cluster in this JVM, on free ports, with its own application
 * context, and helpers for its clients and its HTTP endpoints.
 */
final class ClusterTestNode implements AutoCloseable {

	static final String PASSWORD = "cluster-secret";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final List<TestClient> clients = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private ClusterTestNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a node in chat-friendly settings: fast heartbeats, no flood limit.
	 * @param nodeId the node id
	 * @param redisPort the port of Redis on loopback
	 * @param extra more {@code key=value} properties
	 * @return the running node
	 */
	static ClusterTestNode start(String nodeId, int redisPort, String... extra) {
		return start(nodeId, redisPort, List.of(), extra);
	}

	/**
	 * Starts a node as {@link #start(String, int, String...)} does, with listeners that
	 * hear its events from the start.
	 * @param nodeId the node id
	 * @param redisPort the port of Redis on loopback
	 * @param listeners the listeners
	 * @param extra more {@code key=value} properties
	 * @return the running node
	 */
	static ClusterTestNode start(String nodeId, int redisPort, List<ApplicationListener<?>> listeners,
			String... extra) {
		List<String> properties = new ArrayList<>(List.of("gateway.tcp.port=0", "server.port=0",
				"gateway.cluster.enabled=true", "gateway.cluster.node-id=" + nodeId, "gateway.cluster.heartbeat=200ms",
				"gateway.cluster.node-timeout=1500ms", "gateway.chat.max-lines-per-second=0",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
				"spring.security.user.password=" + PASSWORD, "spring.lifecycle.timeout-per-shutdown-phase=2s"));
		// A later key=value wins over an earlier one.
		for (String property : extra) {
			String key = property.substring(0, property.indexOf('=') + 1);
			properties.removeIf((existing) -> existing.startsWith(key));
			properties.add(property);
		}
		// As arguments: default properties would lose to application.yml.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TcpGatewayApplication.class)
			.listeners(listeners.toArray(ApplicationListener[]::new))
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
		TestingUtilities.waitListening(context.getBean(AbstractServerConnectionFactory.class), 10_000L);
		return new ClusterTestNode(context);
	}

	int tcpPort() {
		return this.context.getBean(AbstractServerConnectionFactory.class).getPort();
	}

	int httpPort() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	ConnectionRegistry registry() {
		return this.context.getBean(ConnectionRegistry.class);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Connects a client, greeted, named and in chat mode.
	 * @param nick its name
	 * @return the client
	 * @throws IOException if the connection fails
	 */
	TestClient member(String nick) throws IOException {
		return join(client(), nick);
	}

	/**
	 * Names a client and puts it in the chat room.
	 * @param client a greeted client on any node
	 * @param nick its name
	 * @return the client
	 * @throws IOException if the connection fails
	 */
	static TestClient join(TestClient client, String nick) throws IOException {
		assertThat(client.exchange("/nick " + nick)).isEqualTo("OK nick " + nick);
		client.send("/mode chat");
		// a notice from another node may cross Redis while this member joins
		String reply = client.readLine();
		while (reply != null && reply.startsWith("* ")) {
			reply = client.readLine();
		}
		assertThat(reply).isEqualTo("OK mode chat, you are " + nick);
		return client;
	}

	/**
	 * Sends probes until one arrives: the subscriptions are back.
	 * @param sender a member who sends the probes
	 * @param receiver a member on another node
	 * @param senderName the sender's name
	 * @param wait how long the probes may take
	 * @return every line the receiver read before the last probe
	 */
	static List<String> awaitChat(TestClient sender, TestClient receiver, String senderName, Duration wait)
			throws IOException {
		List<String> seen = new ArrayList<>();
		AtomicInteger probes = new AtomicInteger();
		receiver.socket().setSoTimeout(300);
		await().atMost(wait).until(() -> {
			sender.send("probe " + probes.incrementAndGet());
			try {
				String line = receiver.readLine();
				seen.add(line);
				return line.startsWith("<" + senderName + "> probe");
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
		});
		receiver.socket().setSoTimeout(10_000);
		// Probes still in flight, then a marker: the stream is in step again.
		sender.send("marker");
		String line;
		while (!(line = receiver.readLine()).equals("<" + senderName + "> marker")) {
			seen.add(line);
		}
		return seen;
	}

	TestClient client() throws IOException {
		TestClient client = TestClient.greeted(tcpPort());
		this.clients.add(client);
		return client;
	}

	HttpResponse<String> get(String path, boolean authenticated) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (authenticated) {
			request.header("Authorization", basic());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode getJson(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path, true);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/**
	 * Reads the health, whose status code is 503 while a component is down.
	 * @return the health
	 */
	JsonNode health() throws IOException, InterruptedException {
		return json.readTree(get("/actuator/health", true).body());
	}

	JsonNode broadcast(String message) throws IOException, InterruptedException {
		HttpResponse<String> response = tryBroadcast(message);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/**
	 * Posts an alarm, whatever the answer.
	 * @param message the alarm, without quotes or backslashes
	 * @return the response
	 */
	HttpResponse<String> tryBroadcast(String message) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/actuator/broadcast"))
			.header("Authorization", basic())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"" + message + "\"}"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The ids of the live nodes that {@code /actuator/cluster} lists.
	 * @return the ids
	 * @throws Exception if the request fails
	 */
	List<String> liveNodes() throws Exception {
		List<String> ids = new ArrayList<>();
		getJson("/actuator/cluster").get("nodes").forEach((node) -> ids.add(node.get("id").asString()));
		return ids;
	}

	/**
	 * Counts a text in everything the nodes of this JVM have logged.
	 * @param output the captured output
	 * @param text the text
	 * @return how many times it occurs
	 */
	static int count(CapturedOutput output, String text) {
		Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output.getAll());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + httpPort() + path);
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	void closeClients() throws IOException {
		for (TestClient client : this.clients) {
			client.close();
		}
		this.clients.clear();
	}

	@Override
	public void close() throws IOException {
		closeClients();
		this.context.close();
	}

}
