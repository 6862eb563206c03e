package tw.jiaohao.hub.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the hub's browser tests share: a headless Chromium (the system's, driven by the system's
 * chromedriver, in Chinese like an office PC), signing in on the login page, waiting for a
 * clicked form's page to replace the current one ({@link #awaitGone}), and screenshots into
 * {@code -Dscreenshots.dir} (none without it).
 */
public final class Browsers {
    /** Chromium's answer for an element of a page that was just replaced, before Selenium calls it stale. */
    static final String NOT_IN_DOCUMENT = "does not belong to the document";

    private Browsers() {
    }

    /** A headless Chromium with a window of {@code width}×{@code height}, its profile in a fresh directory under {@code dir}. */
    public static ChromeDriver chromium(Path dir, int width, int height) throws IOException {
        ChromeDriver d = new ChromeDriver(driverService(), options(dir, width, height));
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    /**
     * The options of {@link #chromium}: the system's Chromium, headless, in Chinese, a window of
     * {@code width}×{@code height}, its profile in a fresh directory under {@code dir}; for a test
     * that adds its own (downloads) or keeps one Chromium for a class.
     */
    public static ChromeOptions options(Path dir, int width, int height) throws IOException {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"), "--lang=zh-TW");
        return o;
    }

    /** The system's chromedriver on a free port. */
    public static ChromeDriverService driverService() {
        return new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
    }

    /** Signs in on the login page of the hub at {@code baseUrl}; true when it reached /offices within 5 s. */
    public static boolean login(WebDriver d, String baseUrl, String user, String password) {
        d.get(baseUrl + "/login");
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(password);
        WebElement button = d.findElement(By.id("login"));
        button.click();
        try {
            new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> x.getCurrentUrl().endsWith("/offices"));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Waits (10 s at most) until {@code element}'s page has been replaced, as after clicking a
     * server-rendered form's button or a link. Selenium's {@code stalenessOf} knows only
     * {@link StaleElementReferenceException}; while the new page replaces the old one Chromium may
     * instead answer "Node with given id does not belong to the document" (a
     * {@link WebDriverException}, as a {@code JavascriptException}), which {@code stalenessOf}
     * throws out of the wait: here that counts as gone too. Any other failure is thrown.
     */
    public static void awaitGone(WebDriver d, WebElement element) {
        new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> isGone(element));
    }

    /** Whether {@code element} is no longer in the page (see {@link #awaitGone}). */
    static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains(NOT_IN_DOCUMENT)) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks a link or a form's button and waits until the page it leads to has replaced this one. */
    public static void clickThrough(WebDriver d, WebElement button) {
        button.click();
        awaitGone(d, button);
    }

    /** Writes the page as {@code hub-NAME.png} into {@code -Dscreenshots.dir}; nothing without it. */
    public static void shot(WebDriver d, String name) {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null) {
            return;
        }
        try {
            Path shots = Files.createDirectories(Path.of(dir));
            Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, shots.resolve("hub-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot write screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
