package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.PostgresDatabase;

/**
 * Two hub instances behind one address, as a reverse proxy would serve them (issue 12): both on
 * one PostgreSQL database. In Chromium a manager signs in on instance a and goes on working on
 * instance b (the browser sends the same session cookie to both: cookies are per host, not per
 * port); signing out on b ends the session on a too.
 */
@Tag("system")
class SessionAcrossInstancesBrowserIT {
    @TempDir
    Path dir;

    @Test
    void aSessionStartedOnOneInstanceIsValidOnTheOther_andSigningOutOnEitherEndsItOnBoth() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create("session_across");
             Hub a = Hub.start(config(pg, "a"), Clock.systemUTC());
             Hub b = Hub.start(config(pg, "b"), Clock.systemUTC())) {
            a.dashboard().auth().createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
            WebDriver d = browser();
            try {
                assertThat(login(d, a, "boss", "boss-password-1")).as("signed in on a").isTrue();

                d.get(b.apiUrl() + "/offices");
                assertThat(d.getCurrentUrl()).as("b takes a's session").startsWith(b.apiUrl()).endsWith("/offices");
                assertThat(d.findElements(By.id("logout"))).as("b's page is a signed-in page").hasSize(1);

                var button = d.findElement(By.id("logout"));
                button.click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));

                d.get(a.apiUrl() + "/offices");
                assertThat(d.getCurrentUrl()).as("signed out on b: a asks for a login").contains("/login");
            } finally {
                d.quit();
            }
        }
    }

    /** One instance: the shared database, its own embedded broker and files. */
    private HubConfig config(PostgresDatabase pg, String name) {
        Map<String, String> m = new HashMap<>(pg.hubConfig());
        m.put("broker.embedded.port", "0");
        return HubFixture.config(dir.resolve(name), "", "session-across-" + name, m);
    }

    private WebDriver browser() throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"), "--lang=zh-TW");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    /** True when the login reached /offices. */
    private static boolean login(WebDriver d, Hub hub, String user, String password) {
        d.get(hub.apiUrl() + "/login");
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(password);
        d.findElement(By.id("login")).click();
        try {
            new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> x.getCurrentUrl().endsWith("/offices"));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }
}
