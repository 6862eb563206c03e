package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.Browsers;
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

    @Test
    void headOffice_createsChangesResetsAndDisablesUsers_onTheUsersPage_andNoOneElseMay() throws Exception {
        try (Hub hub = Hub.start(HubFixture.config(dir.resolve("hub"), "", "users-it-hub", Map.of("broker.embedded.port", "0")), Clock.systemUTC())) {
            AuthService auth = hub.dashboard().auth();
            auth.createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
            auth.createUser(new User("chen", Role.OFFICE_MANAGER, "taipei-1"), "chen-password-1".toCharArray());
            WebDriver d = Browsers.chromium(dir, 1440, 1000);
            WebDriver other = Browsers.chromium(dir, 1440, 1000);
            try {
                Browsers.login(d, hub.apiUrl(), "boss", "boss-password-1");
                Browsers.clickThrough(d, d.findElement(By.cssSelector("nav a[href='/users']")));
                assertThat(d.findElement(By.cssSelector("#users tr[data-user='boss'] .actions")).getText()).isEqualTo("（本人）");

                // create
                d.findElement(By.id("new-username")).sendKeys("wang");
                new Select(d.findElement(By.id("new-role"))).selectByValue("OFFICE_MANAGER");
                d.findElement(By.id("new-office")).sendKeys("taichung-2");
                d.findElement(By.id("new-password")).sendKeys("short");
                Browsers.clickThrough(d, d.findElement(By.id("create")));
                assertThat(d.findElement(By.id("users-error")).getText()).contains("at least 10");
                assertThat(d.findElements(By.cssSelector("#users tr[data-user='wang']"))).isEmpty();
                d.findElement(By.id("new-username")).sendKeys("wang");
                new Select(d.findElement(By.id("new-role"))).selectByValue("OFFICE_MANAGER");
                d.findElement(By.id("new-office")).sendKeys("taichung-2");
                d.findElement(By.id("new-password")).sendKeys("wang-password-1");
                Browsers.clickThrough(d, d.findElement(By.id("create")));
                assertThat(d.findElement(By.id("users-done")).getText()).isEqualTo("已新增使用者。");
                assertThat(row(d, "wang").findElement(By.className("office")).getText()).isEqualTo("taichung-2");
                Browsers.shot(d, "users-zh");
                assertThat(Browsers.login(other, hub.apiUrl(), "wang", "wang-password-1")).isTrue();
                other.get(hub.apiUrl() + "/offices/taichung-2");
                assertThat(other.findElements(By.id("logout"))).isNotEmpty();

                // role and office
                WebElement form = row(d, "wang").findElement(By.className("change-role"));
                new Select(form.findElement(By.name("role"))).selectByValue("STAFF");
                WebElement office = form.findElement(By.name("office"));
                office.clear();
                office.sendKeys("taipei-1");
                Browsers.clickThrough(d, form.findElement(By.tagName("button")));
                assertThat(row(d, "wang").findElement(By.className("role")).getText()).isEqualTo("服務所同仁");
                assertThat(auth.users().find("wang")).contains(new User("wang", Role.STAFF, "taipei-1"));
                other.get(hub.apiUrl() + "/offices/taichung-2");
                assertThat(other.getPageSource()).as("the new office applies at once").contains("403");

                // password: the old one stops working and the open session ends
                form = row(d, "wang").findElement(By.className("reset-password"));
                form.findElement(By.name("password")).sendKeys("wang-password-2");
                Browsers.clickThrough(d, form.findElement(By.tagName("button")));
                assertThat(d.findElement(By.id("users-done")).getText()).contains("已設定密碼");
                other.get(hub.apiUrl() + "/offices");
                assertThat(other.getCurrentUrl()).as("session ended").contains("/login");
                assertThat(Browsers.login(other, hub.apiUrl(), "wang", "wang-password-1")).isFalse();
                assertThat(Browsers.login(other, hub.apiUrl(), "wang", "wang-password-2")).isTrue();

                // disable, then enable
                Browsers.clickThrough(d, row(d, "wang").findElement(By.cssSelector("form.disable button")));
                assertThat(row(d, "wang").findElement(By.className("state")).getText()).isEqualTo("已停用");
                other.get(hub.apiUrl() + "/offices");
                assertThat(other.getCurrentUrl()).as("session ended").contains("/login");
                assertThat(Browsers.login(other, hub.apiUrl(), "wang", "wang-password-2")).isFalse();
                Browsers.clickThrough(d, row(d, "wang").findElement(By.cssSelector("form.enable button")));
                assertThat(row(d, "wang").findElement(By.className("state")).getText()).isEqualTo("啟用中");
                assertThat(Browsers.login(other, hub.apiUrl(), "wang", "wang-password-2")).isTrue();
                d.get(hub.apiUrl() + "/lang/en");
                d.get(hub.apiUrl() + "/users");
                Browsers.shot(d, "users-en");
                d.manage().window().setSize(new Dimension(800, 480));
                d.get(hub.apiUrl() + "/users");
                Browsers.shot(d, "users-en-800x480");
                d.manage().window().setSize(new Dimension(1440, 1000));

                // an office manager: no link, 403
                Browsers.clickThrough(other, other.findElement(By.id("logout")));
                assertThat(Browsers.login(other, hub.apiUrl(), "chen", "chen-password-1")).isTrue();
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

}
