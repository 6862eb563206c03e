package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.HubFixture;

/**
 * Head office runs the dashboard's users from the users page in Chromium: creates an office
 * manager who can then log in, changes the role and office, sets a new password (the old one
 * stops working, the user's sessions end), disables the account (login refused) and enables it
 * again; cannot disable their own account; office managers get no link and a 403, and a form
 * without the session's CSRF token is refused.
 */
@Tag("system")
class UsersBrowserIT {
    @TempDir
    Path dir;
    private final Path shots = System.getProperty("screenshots.dir") == null ? null : Path.of(System.getProperty("screenshots.dir"));

    @Test
    void headOffice_createsChangesResetsAndDisablesUsers_onTheUsersPage_andNoOneElseMay() throws Exception {
        try (Hub hub = Hub.start(HubFixture.config(dir.resolve("hub"), "", "users-it-hub", Map.of("broker.embedded.port", "0")), Clock.systemUTC())) {
            AuthService auth = hub.dashboard().auth();
            auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
            auth.createUser(new User("chen", Role.OFFICE_MANAGER, "taipei-1"), "chen-password-1".toCharArray());
            WebDriver d = browser();
            WebDriver other = browser();
            try {
                login(d, hub, "boss", "boss-password-1");
                d.findElement(By.cssSelector("nav a[href='/users']")).click();
                assertThat(d.findElement(By.cssSelector("#users tr[data-user='boss'] .actions")).getText()).isEqualTo("（本人）");

                // create
                d.findElement(By.id("new-username")).sendKeys("wang");
                new Select(d.findElement(By.id("new-role"))).selectByValue("OFFICE_MANAGER");
                d.findElement(By.id("new-office")).sendKeys("taichung-2");
                d.findElement(By.id("new-password")).sendKeys("short");
                d.findElement(By.id("create")).click();
                assertThat(d.findElement(By.id("users-error")).getText()).contains("at least 10");
                assertThat(d.findElements(By.cssSelector("#users tr[data-user='wang']"))).isEmpty();
                d.findElement(By.id("new-username")).sendKeys("wang");
                new Select(d.findElement(By.id("new-role"))).selectByValue("OFFICE_MANAGER");
                d.findElement(By.id("new-office")).sendKeys("taichung-2");
                d.findElement(By.id("new-password")).sendKeys("wang-password-1");
                d.findElement(By.id("create")).click();
                assertThat(d.findElement(By.id("users-done")).getText()).isEqualTo("已新增使用者。");
                assertThat(row(d, "wang").findElement(By.className("office")).getText()).isEqualTo("taichung-2");
                shot(d, "users-zh");
                assertThat(login(other, hub, "wang", "wang-password-1")).isTrue();
                other.get(hub.apiUrl() + "/offices/taichung-2");
                assertThat(other.findElements(By.id("logout"))).isNotEmpty();

                // role and office
                WebElement form = row(d, "wang").findElement(By.className("change-role"));
                new Select(form.findElement(By.name("role"))).selectByValue("STAFF");
                WebElement office = form.findElement(By.name("office"));
                office.clear();
                office.sendKeys("taipei-1");
                form.findElement(By.tagName("button")).click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("done=changed"));
                assertThat(row(d, "wang").findElement(By.className("role")).getText()).isEqualTo("服務所同仁");
                assertThat(auth.users().find("wang")).contains(new User("wang", Role.STAFF, "taipei-1"));
                other.get(hub.apiUrl() + "/offices/taichung-2");
                assertThat(other.getPageSource()).as("the new office applies at once").contains("403");

                // password: the old one stops working and the open session ends
                form = row(d, "wang").findElement(By.className("reset-password"));
                form.findElement(By.name("password")).sendKeys("wang-password-2");
                form.findElement(By.tagName("button")).click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("done=password"));
                assertThat(d.findElement(By.id("users-done")).getText()).contains("已設定密碼");
                other.get(hub.apiUrl() + "/offices");
                assertThat(other.getCurrentUrl()).as("session ended").contains("/login");
                assertThat(login(other, hub, "wang", "wang-password-1")).isFalse();
                assertThat(login(other, hub, "wang", "wang-password-2")).isTrue();

                // disable, then enable
                row(d, "wang").findElement(By.cssSelector("form.disable button")).click();
                // the old page's row is gone once the redirect lands: wait for it, never read the old one
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("done=disabled"));
                assertThat(row(d, "wang").findElement(By.className("state")).getText()).isEqualTo("已停用");
                other.get(hub.apiUrl() + "/offices");
                assertThat(other.getCurrentUrl()).as("session ended").contains("/login");
                assertThat(login(other, hub, "wang", "wang-password-2")).isFalse();
                row(d, "wang").findElement(By.cssSelector("form.enable button")).click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("done=enabled"));
                assertThat(row(d, "wang").findElement(By.className("state")).getText()).isEqualTo("啟用中");
                assertThat(login(other, hub, "wang", "wang-password-2")).isTrue();
                d.get(hub.apiUrl() + "/lang/en");
                d.get(hub.apiUrl() + "/users");
                shot(d, "users-en");
                d.manage().window().setSize(new Dimension(800, 480));
                d.get(hub.apiUrl() + "/users");
                shot(d, "users-en-800x480");
                d.manage().window().setSize(new Dimension(1440, 1000));

                // an office manager: no link, 403
                other.findElement(By.id("logout")).click();
                assertThat(login(other, hub, "chen", "chen-password-1")).isTrue();
                assertThat(other.findElements(By.cssSelector("nav a[href='/users']"))).isEmpty();
                other.get(hub.apiUrl() + "/users");
                assertThat(other.findElements(By.id("users"))).isEmpty();
                assertThat(other.getPageSource()).contains("403");
            } finally {
                d.quit();
                other.quit();
            }
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/users")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            // signed in as head office but without the CSRF token: refused, nothing changes
            String cookie = apiLogin(http, hub);
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/users/chen/disable"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(auth.users().find("chen")).isPresent();
        }
    }

    private static String apiLogin(HttpClient http, Hub hub) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"boss\",\"password\":\"boss-password-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).filter(c -> c.startsWith(DashboardWeb.SESSION_COOKIE + "="))
                .findFirst().orElseThrow();
    }

    private static WebElement row(WebDriver d, String user) {
        return d.findElement(By.cssSelector("#users tr[data-user='" + user + "']"));
    }

    private WebDriver browser() throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
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

    private void shot(WebDriver d, String page) {
        if (shots == null) {
            return;
        }
        try {
            Files.createDirectories(shots);
            Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, shots.resolve("hub-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot write screenshot " + page + ": " + e.getMessage(), e);
        }
    }
}
