package io.tcpgateway.websocket;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tcpgateway.TestClient;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web page in a real, headless Chromium: it greets, calculates, chats with a telnet
 * user, raises alarms, says when it is kicked, and shows hostile text as text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.tcp.port=0",
				"spring.security.user.password=" + WebPageBrowserIntegrationTests.PASSWORD })
@AutoConfigureRestTestClient
class WebPageBrowserIntegrationTests {

	static final String PASSWORD = "test-secret";

	private static HeadlessChromium chromium;

	private final List<TestClient> telnets = new ArrayList<>();

	@LocalServerPort
	int httpPort;

	@Autowired
	RestTestClient http;

	@Autowired
	AbstractServerConnectionFactory tcpServer;

	@Autowired
	ConnectionRegistry registry;

	private WebPage page;

	@BeforeAll
	static void startBrowser() {
		chromium = HeadlessChromium.start();
	}

	@AfterAll
	static void quitBrowser() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@BeforeEach
	void openPage() {
		chromium.driver().manage().window().setSize(new Dimension(1024, 768));
		this.page = new WebPage(chromium.driver()).open(this.httpPort);
		this.page.awaitLine("reply", TestClient.GREETING);
		this.page.awaitStatus("connected");
	}

	@AfterEach
	void leavePage() throws IOException {
		chromium.driver().get("about:blank");
		for (TestClient telnet : this.telnets) {
			telnet.close();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
	}

	@Test
	void showsTheGreetingAndListsTheBrowser() {
		assertThat(this.page.lines("reply").get(0).getText()).isEqualTo(TestClient.GREETING);
		assertThat(this.registry.list()).singleElement()
			.satisfies((connection) -> assertThat(connection.transport()).isEqualTo("websocket"));
	}

	@Test
	void showsTheValueOfACalculationAndRecallsTheCommand() {
		this.page.type("/calc 6*7");
		this.page.awaitLine("reply", "42");
		this.page.type("/calc 1/0");
		this.page.awaitLine("err", "ERR division by zero");
		WebElement input = this.page.input();
		input.sendKeys(Keys.ARROW_UP);
		assertThat(input.getAttribute("value")).isEqualTo("/calc 1/0");
		input.sendKeys(Keys.ARROW_UP);
		assertThat(input.getAttribute("value")).isEqualTo("/calc 6*7");
		input.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
		assertThat(input.getAttribute("value")).isEmpty();
	}

	@Test
	void chatsWithATelnetUserBothWays() throws IOException {
		this.page.type("/nick ann");
		this.page.awaitLine("reply", "OK nick ann");
		this.page.type("/mode chat");
		this.page.awaitLine("reply", "OK mode chat, you are ann");
		TestClient bob = telnet();
		assertThat(bob.exchange("/nick bob")).isEqualTo("OK nick bob");
		assertThat(bob.exchange("/mode chat")).isEqualTo("OK mode chat, you are bob");
		this.page.awaitLine("notice", "* bob joined");
		bob.send("hello ann, from telnet");
		this.page.awaitLine("chat", "<bob> hello ann, from telnet");
		this.page.type("hello bob, from the browser");
		assertThat(bob.readLine()).isEqualTo("<ann> hello bob, from the browser");
		bob.send("/nick robert");
		assertThat(bob.readLine()).isEqualTo("OK nick robert");
		this.page.awaitLine("notice", "* bob is now known as robert");
		broadcast("maintenance at noon");
		this.page.awaitLine("alarm", "! maintenance at noon");
		this.page.screenshot(Path.of("target", "page-chat.png"));
	}

	@Test
	void showsAnOperatorAlarmAtTheTopUntilDismissed() {
		this.page.type("/calc 2^10");
		this.page.awaitLine("reply", "1024");
		broadcast("maintenance at noon <b>now</b>");
		this.page.awaitLine("alarm", "! maintenance at noon <b>now</b>");
		List<WebElement> alarms = this.page.alarms();
		assertThat(alarms).singleElement()
			.satisfies((alarm) -> assertThat(alarm.findElement(By.className("text")).getText())
				.isEqualTo("! maintenance at noon <b>now</b>"));
		assertThat(alarms.get(0).getCssValue("background-color"))
			.isNotEqualTo(this.page.lines("reply").get(0).getCssValue("background-color"));
		this.page.type("/echo later");
		this.page.awaitLine("reply", "later");
		assertThat(this.page.alarms()).hasSize(1);
		// Keyboard only: Tab from the input reaches the dismiss button? Focus it and
		// press
		// Enter, as a keyboard user does.
		WebElement dismiss = alarms.get(0).findElement(By.className("dismiss"));
		this.page.script("arguments[0].focus();", dismiss);
		dismiss.sendKeys(Keys.ENTER);
		this.page.waiting().until((driver) -> this.page.alarms().isEmpty());
	}

	@Test
	void showsTheAlarmsSentBeforeItConnectedWhenItLoads() {
		broadcast("disk full <b>now</b>");
		this.page.awaitLine("alarm", "! disk full <b>now</b>");
		broadcast("all clear");
		this.page.awaitLine("alarm", "! all clear");
		// A browser that connects now: the alarms are not live lines for it, but it sees
		// them.
		this.page = new WebPage(chromium.driver()).open(this.httpPort);
		this.page.awaitStatus("connected");
		WebElement recent = this.page.recentAlarms();
		this.page.waiting().until((driver) -> recent.isDisplayed());
		WebElement summary = recent.findElement(By.tagName("summary"));
		assertThat(summary.findElement(By.className("text")).getText()).isEqualTo("all clear");
		assertThat(summary.findElement(By.className("at")).getText())
			.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
		summary.click();
		List<WebElement> listed = recent.findElements(By.tagName("li"));
		assertThat(listed).hasSizeGreaterThanOrEqualTo(2);
		assertThat(listed.get(listed.size() - 2).getText()).endsWith("disk full <b>now</b>");
		assertThat(listed.get(listed.size() - 1).getText()).endsWith("all clear");
		this.page.screenshot(Path.of("target", "page-recent-alarms.png"));
		// Neither in the transcript nor as a banner: only what is live goes there.
		this.page.type("/echo after");
		this.page.awaitLine("reply", "after");
		assertThat(this.page.lines("reply")).extracting(WebElement::getText)
			.containsExactly(TestClient.GREETING, "after");
		assertThat(this.page.lines("sent")).extracting(WebElement::getText).containsExactly("/echo after");
		assertThat(this.page.alarms()).isEmpty();
	}

	@Test
	void saysClosedWhenAnOperatorKicksIt() {
		String id = this.registry.list().get(0).id();
		this.http.delete()
			.uri("/actuator/connections/{id}", id)
			.headers((headers) -> headers.setBasicAuth("admin", PASSWORD))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.page.awaitLine("reply", "BYE closed by an operator");
		assertThat(this.page.awaitStatus("closed")).startsWith("closed");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.registry.count() == 0);
		assertThat(this.page.awaitStatus("closed")).contains("closed by an operator");
	}

	@Test
	void showsHostileTextAsText() {
		String script = "<script>window.pwned = true</script><img src=x onerror=\"window.pwned = true\">";
		this.page.paste("/echo " + script);
		this.page.awaitLine("reply", script);
		this.page.paste("/echo &lt;b&gt; &amp; &#x202E;");
		this.page.awaitLine("reply", "&lt;b&gt; &amp; &#x202E;");
		this.page.paste("/echo left\u202Eright\u2066x\u0007");
		this.page.awaitLine("reply", "left\\u202Eright\\u2066x\\x07");
		String long8k = "z".repeat(8192);
		this.page.paste(long8k);
		this.page.awaitLine("reply", long8k);
		assertThat(this.page.script("return window.pwned === undefined")).isEqualTo(true);
		assertThat(this.page.script("return document.querySelectorAll('#transcript script, #transcript img').length"))
			.isEqualTo(0L);
		assertThat(this.page.script("return document.documentElement.scrollWidth <= window.innerWidth"))
			.isEqualTo(true);
	}

	@Test
	void fitsA320PixelWideScreen() {
		chromium.driver().manage().window().setSize(new Dimension(320, 640));
		this.page.type("/help");
		this.page.awaitLine("reply", ".");
		assertThat(this.page.script("return document.documentElement.scrollWidth <= window.innerWidth"))
			.isEqualTo(true);
		assertThat(this.page.input().isDisplayed()).isTrue();
		this.page.screenshot(Path.of("target", "page-320.png"));
	}

	private void broadcast(String message) {
		this.http.post()
			.uri("/actuator/broadcast")
			.headers((headers) -> headers.setBasicAuth("admin", PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", message))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private TestClient telnet() throws IOException {
		TestingUtilities.waitListening(this.tcpServer, 10_000L);
		TestClient client = TestClient.connect(this.tcpServer.getPort());
		this.telnets.add(client);
		assertThat(client.readLine()).isEqualTo(TestClient.GREETING);
		return client;
	}

}
