package io.tcpgateway.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gateway's web page as a test drives it in a real browser: what a person types and
 * what they see, waited for with generous timeouts on a busy machine.
 */
final class WebPage {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ChromeDriver driver;

	WebPage(ChromeDriver driver) {
		this.driver = driver;
	}

	WebPage open(int httpPort) {
		this.driver.get("http://127.0.0.1:" + httpPort + "/");
		return this;
	}

	/**
	 * Types a line into the input and presses Enter, as a person does.
	 * @param line the line
	 * @return this page
	 */
	WebPage type(String line) {
		input().sendKeys(line, Keys.ENTER);
		return this;
	}

	/**
	 * Puts text the keyboard cannot type (bidi controls, 8 KiB) into the input, then
	 * presses Enter.
	 * @param text the text
	 * @return this page
	 */
	WebPage paste(String text) {
		this.driver.executeScript("document.getElementById('input').value = arguments[0];", text);
		input().sendKeys(Keys.ENTER);
		return this;
	}

	WebElement input() {
		return this.driver.findElement(By.id("input"));
	}

	/**
	 * Waits for a line of a kind to appear in the transcript.
	 * @param kind {@code reply}, {@code err}, {@code chat}, {@code notice},
	 * {@code alarm}, {@code sent} or {@code local}
	 * @param text the text as shown
	 * @return the line's element
	 */
	WebElement awaitLine(String kind, String text) {
		return waiting().until((driver) -> lines(kind).stream()
			.filter((line) -> text.equals(line.getAttribute("textContent")))
			.findFirst()
			.orElse(null));
	}

	List<WebElement> lines(String kind) {
		return this.driver.findElements(By.cssSelector("#transcript li.line." + kind));
	}

	String awaitStatus(String state) {
		WebElement status = this.driver.findElement(By.id("status"));
		waiting().until((driver) -> state.equals(status.getAttribute("data-state")));
		return status.getText();
	}

	List<WebElement> alarms() {
		return this.driver.findElements(By.cssSelector("#alarms .alarm-banner"));
	}

	/**
	 * The alarms sent before the page connected, under its banners.
	 * @return the element, hidden while there are none
	 */
	WebElement recentAlarms() {
		return this.driver.findElement(By.id("recent-alarms"));
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, TIMEOUT);
	}

	/**
	 * Saves what the page looks like now.
	 * @param file the PNG file to write
	 */
	void screenshot(Path file) {
		Path taken = this.driver.getScreenshotAs(OutputType.FILE).toPath();
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
