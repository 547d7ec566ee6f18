package io.liaison.support;

import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser on the console: Debian's headless chromium driven through chromium-driver, both
 * installed by .ci/run. Elements are found the way a person or a screen reader finds them: by their
 * role and accessible name, as the browser computes it.
 *
 * <p>Where chromium is missing the tests are skipped with the command that installs it, except
 * when LIAISON_REQUIRE_BROWSER is set (as .ci/run does): then a missing browser fails the build.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        return open(1280, 800);
    }

    public static Browser open(int width, int height) {
        String binary = firstExisting(BROWSERS);
        String driverPath = firstExisting(DRIVERS);
        if (binary == null || driverPath == null) {
            String message = "The console's browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver";
            if (System.getenv("LIAISON_REQUIRE_BROWSER") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The viewport exactly as asked (a window cannot be narrower than 500 px, a phone is).
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
        return new Browser(driver);
    }

    private static String firstExisting(List<String> paths) {
        return paths.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    public WebDriver driver() {
        return driver;
    }

    public static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Opens the console at a route such as "#/records/contact". */
    public Browser go(String route) {
        driver.get(baseUrl() + "/" + route);
        return this;
    }

    public void signIn(String token) {
        go("");
        WebElement field = byLabel("API key or agency token");
        field.sendKeys(token);
        button("Sign in").click();
        waitUntil(d -> d.findElements(By.cssSelector("#sidebar:not([hidden]) a")).size() > 0
                || d.findElements(By.cssSelector("#pick-title")).size() > 0);
    }

    /** Waits for the condition; on a timeout, saves a screenshot and says what the page showed. */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            Path shot = screenshot("failure-" + System.currentTimeMillis());
            String text = driver.findElement(By.tagName("body")).getText();
            throw new TimeoutException("Waited " + PATIENCE.toSeconds() + " s at " + driver.getCurrentUrl() + " (screenshot " + shot
                    + "); the page showed:\n" + text.substring(0, Math.min(2000, text.length())), e);
        }
    }

    /** The one visible control with this role-like kind and accessible name ("Add", "Remove Bob Roe (Employee)"). */
    public WebElement button(String name) {
        return waitUntil(d -> visible(d, "button, a.button, [role=button]").filter(e -> name.equals(e.getAccessibleName())).findFirst().orElse(null));
    }

    /** Clicks the button with this accessible name, finding it again if the page re-rendered it meanwhile. */
    public void clickButton(String name) {
        waitUntil(d -> {
            WebElement button = visible(d, "button, a.button, [role=button]").filter(e -> name.equals(e.getAccessibleName())).findFirst().orElse(null);
            if (button == null) {
                return null;
            }
            button.click();
            return true;
        });
    }

    /** A button inside a dialog or panel, by accessible name. */
    public WebElement buttonIn(SearchContext context, String name) {
        return waitUntil(d -> visible(context, "button, a.button").filter(e -> name.equals(e.getAccessibleName())).findFirst().orElse(null));
    }

    public boolean hasButton(String name) {
        return visible(driver, "button, a.button, [role=button]").anyMatch(e -> name.equals(e.getAccessibleName()));
    }

    public WebElement link(String name) {
        return waitUntil(d -> visible(d, "a").filter(e -> name.equals(e.getAccessibleName())).findFirst().orElse(null));
    }

    /** A form control found by its label's text. */
    public WebElement byLabel(String label) {
        return waitUntil(d -> visible(d, "input, select, textarea").filter(e -> label.equals(e.getAccessibleName())).findFirst().orElse(null));
    }

    public WebElement heading(String text) {
        return waitUntil(d -> visible(d, "h1, h2, h3").filter(e -> e.getText().strip().equals(text)).findFirst().orElse(null));
    }

    /** The first visible element matching the CSS selector whose text contains the given text. */
    public WebElement withText(String css, String text) {
        return waitUntil(d -> visible(d, css).filter(e -> e.getText().contains(text)).findFirst().orElse(null));
    }

    /** The text of the first visible element matching the CSS selector that contains the given text (read at once, so a re-render cannot make it stale). */
    public String textWith(String css, String text) {
        return waitUntil(d -> visible(d, css).map(WebElement::getText).filter(t -> t.contains(text)).findFirst().orElse(null));
    }

    public WebElement css(String css) {
        return waitUntil(d -> visible(d, css).findFirst().orElse(null));
    }

    public static Stream<WebElement> visible(SearchContext context, String css) {
        return context.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed);
    }

    /** Picks a record in a Tom Select type-ahead: types, waits for the option, chooses it. */
    public void typeAhead(WebElement dialog, String typed, String optionText) {
        WebElement input = waitUntil(d -> visible(dialog, ".ts-control input").findFirst().orElse(null));
        input.click();
        input.sendKeys(typed);
        waitUntil(d -> visible(d, ".ts-dropdown .option").filter(e -> e.getText().contains(optionText)).findFirst().orElse(null)).click();
        waitUntil(d -> visible(dialog, ".ts-dropdown").findAny().isEmpty()
                && visible(dialog, ".ts-control .item").anyMatch(e -> e.getText().contains(optionText)));
    }

    public WebElement openDialog() {
        return css("dialog[open]");
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the browser shows now as target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
