package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.Browsers;
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
            WebDriver d = Browsers.chromium(dir, 1280, 800);
            try {
                assertThat(Browsers.login(d, a.apiUrl(), "boss", "boss-password-1")).as("signed in on a").isTrue();

                d.get(b.apiUrl() + "/offices");
                assertThat(d.getCurrentUrl()).as("b takes a's session").startsWith(b.apiUrl()).endsWith("/offices");
                assertThat(d.findElements(By.id("logout"))).as("b's page is a signed-in page").hasSize(1);

                Browsers.clickThrough(d, d.findElement(By.id("logout")));

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

}
