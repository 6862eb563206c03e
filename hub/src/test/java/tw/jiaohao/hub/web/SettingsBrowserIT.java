package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.testing.Browsers;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;

/**
 * Head office's settings pushed from the dashboard (real Chromium) over the real Mosquitto broker
 * (127.0.0.1:1883, as in an installation with an office broker; a fresh office id per run) to a
 * real office node: applied between calls (it waits while counter 1 serves someone), acknowledged
 * and shown as "applied version N"; refused on the form when a rule is broken (nothing published);
 * refused by the node with its reason when a category still has people waiting (the node keeps
 * its version); kept across a restart of the node; head office only.
 * With {@code -Dscreenshots.dir=DIR} it writes PNGs of the pages in both languages.
 */
@Tag("system")
class SettingsBrowserIT {
    /** The shared Mosquitto keeps retained messages: each run its own office. */
    private static final String OFFICE = "settings-it-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final String MOSQUITTO = "tcp://127.0.0.1:1883";
    @TempDir
    Path dir;

    @Test
    void settingsPublishedOnTheDashboard_areAppliedByTheNodeBetweenCalls_acknowledged_refusedWithAReason_andKeptAcrossARestart() throws Exception {
        try (Hub hub = Hub.start(HubFixture.config(dir.resolve("hub"), MOSQUITTO, OFFICE + "-hub", Map.of()), Clock.systemUTC())) {
            hub.dashboard().auth().createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
            hub.dashboard().auth().createUser(new User("chen", Role.OFFICE_MANAGER, OFFICE), "chen-password-1".toCharArray());
            Properties p = new Properties();
            p.setProperty("clock.trust", "always");
            OfficeConfig config = OfficeConfigLoader.fromProperties(p).withOffice(OFFICE, dir.resolve("office.db")).withBrokerUrl(hub.brokerUrl());
            Backoff fast = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
            OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), fast);
            try {
                Poll.until(Duration.ofSeconds(30), "the office's state at the hub", () -> hub.dashboard().live().state(OFFICE).isPresent());
                // counter 1 in a call: its profile must not change under it
                node.service().issue("A");
                ok(node, CommandAction.OPEN);
                ok(node, CommandAction.CALL_NEXT);
                WebDriver d = Browsers.chromium(dir, 1440, 1000);
                try {
                    assertThat(Browsers.login(d, hub.apiUrl(), "boss", "boss-password-1")).isTrue();
                    d.get(hub.apiUrl() + "/settings");
                    assertThat(d.findElement(By.cssSelector("#settings-offices tr[data-office='" + OFFICE + "'] .applied")).getText())
                            .isEqualTo("沿用主機設定檔");
                    Browsers.shot(d, "settings-list-zh");
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    Browsers.shot(d, "settings-form-zh");
                    assertThat(value(d, "ctr.0.serves")).isEqualTo("P,A,B");
                    set(d, "ctr.0.serves", "A");
                    set(d, "cat.0.zh", "水費");
                    set(d, "hours.closedDates", "2030-01-01");
                    assertThat(d.findElement(By.name("lang.offer.en")).isSelected()).as("both languages offered at first").isTrue();
                    d.findElement(By.name("lang.offer.en")).click();
                    d.findElement(By.id("publish")).click();
                    new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("published=1"));
                    waitForAnswer(d, hub, "第 1 版等候中");
                    assertThat(d.findElement(By.id("answer")).getText()).as("the node's reason in the reader's language")
                            .contains("1 號櫃台正在叫號或服務 A001");
                    assertThat(node.engine().config().counter(1).orElseThrow().serves()).as("not mid-call").containsExactly("P", "A", "B");

                    ok(node, CommandAction.START);
                    ok(node, CommandAction.FINISH);
                    waitForAnswer(d, hub, "已套用第 1 版");
                    assertThat(d.findElement(By.id("applied")).getText()).isEqualTo("已套用第 1 版");
                    assertThat(node.engine().config().counter(1).orElseThrow().serves()).containsExactly("A");
                    assertThat(node.engine().config().category("A").orElseThrow().nameZh()).isEqualTo("水費");
                    assertThat(node.fleetSettings().appliedVersion()).isEqualTo(1);
                    assertThat(node.fleetSettings().languages()).as("Chinese only, pushed")
                            .isEqualTo(new tw.jiaohao.protocol.settings.OfficeSettings.Languages(List.of("zh-TW"), "zh-TW"));
                    Poll.until(Duration.ofSeconds(10), "the new name in the office's state", () -> hub.dashboard().live().state(OFFICE)
                            .map(s -> s.categories().get(0).nameZh().equals("水費")).orElse(false));

                    // a rule broken on the form: refused naming the field, nothing published
                    set(d, "ctr.1.serves", "A,Z");
                    d.findElement(By.id("publish")).click();
                    assertThat(d.findElement(By.id("settings-error")).getText()).contains("counter.2.serves").contains("Z");
                    assertThat(value(d, "ctr.1.serves")).as("what was typed is kept").isEqualTo("A,Z");
                    Browsers.shot(d, "settings-refused-zh");
                    assertThat(hub.dashboard().settings().latest(OFFICE).orElseThrow().version()).isEqualTo(1);
                    // the default language must be one of those offered: refused on the form too
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    new org.openqa.selenium.support.ui.Select(d.findElement(By.name("lang.default"))).selectByValue("en");
                    d.findElement(By.id("publish")).click();
                    assertThat(d.findElement(By.id("settings-error")).getText()).contains("languages.default").contains("en");
                    assertThat(hub.dashboard().settings().latest(OFFICE).orElseThrow().version()).isEqualTo(1);
                    // English alone: the wall boards cannot show it, refused on the form too
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    if (d.findElement(By.name("lang.offer.zh-TW")).isSelected()) {
                        d.findElement(By.name("lang.offer.zh-TW")).click();
                    }
                    if (!d.findElement(By.name("lang.offer.en")).isSelected()) {
                        d.findElement(By.name("lang.offer.en")).click();
                    }
                    new org.openqa.selenium.support.ui.Select(d.findElement(By.name("lang.default"))).selectByValue("en");
                    d.findElement(By.id("publish")).click();
                    assertThat(d.findElement(By.id("settings-error")).getText()).contains("languages.offered").contains("zh-TW");
                    assertThat(hub.dashboard().settings().latest(OFFICE).orElseThrow().version()).isEqualTo(1);

                    // the node refuses to drop a category someone is waiting for, and keeps version 1
                    node.service().issue("B");
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    for (int i = 0; i < 5; i++) {
                        set(d, "ctr." + i + ".serves", i == 4 ? "D,C" : "A");
                    }
                    int b = codeRow(d, "B");
                    set(d, "cat." + b + ".code", "");
                    d.findElement(By.id("publish")).click();
                    new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.getCurrentUrl().contains("published=2"));
                    waitForAnswer(d, hub, "第 2 版遭拒");
                    assertThat(d.findElement(By.id("answer")).getText()).as("the refusal in the reader's language")
                            .contains("類別 B 仍有 1 張號碼牌").contains("仍使用第 1 版").doesNotContain("still has");
                    assertThat(d.findElement(By.id("applied")).getText()).isEqualTo("已套用第 1 版");
                    assertThat(node.engine().config().category("B")).isPresent();
                    d.get(hub.apiUrl() + "/lang/en");
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    Browsers.shot(d, "settings-form-en");
                    d.get(hub.apiUrl() + "/settings");
                    assertThat(d.findElement(By.cssSelector("#settings-offices tr[data-office='" + OFFICE + "'] .applied")).getText())
                            .isEqualTo("applied version 1");
                    assertThat(d.findElement(By.cssSelector("#settings-offices tr[data-office='" + OFFICE + "'] .answer")).getText())
                            .contains("version 2 refused").contains("category B still has 1 ticket(s)").contains("version 1 stays in force");
                    Browsers.shot(d, "settings-list-en");

                    // a hub that does not check the languages (an older or a scripted one) publishes a default not offered:
                    // the node refuses it with the rule's code, and the dashboard says the rule in the reader's language
                    tw.jiaohao.protocol.settings.OfficeSettings v2 = hub.dashboard().settings().latest(OFFICE).orElseThrow();
                    publishScripted(hub, v2, v2.categories(), List.of("zh-TW"), "en");
                    assertRefusedInBothLanguages(d, hub, 3, "the default language en is not among the offered languages (zh-TW)",
                            "預設語言 en 不在提供的語言（zh-TW）之中");
                    assertThat(node.fleetSettings().appliedVersion()).isEqualTo(1);
                    assertThat(node.fleetSettings().languages().defaultLanguage()).isEqualTo("zh-TW");
                    Browsers.shot(d, "settings-form-language-refused-zh");

                    // a value the office file's rule refuses (service minutes below 0.1): the problem itself in the reader's language
                    List<tw.jiaohao.protocol.settings.OfficeSettings.Category> quick = new java.util.ArrayList<>(v2.categories());
                    tw.jiaohao.protocol.settings.OfficeSettings.Category a = quick.get(0);
                    quick.set(0, new tw.jiaohao.protocol.settings.OfficeSettings.Category(a.code(), a.nameZh(), a.nameEn(), a.priority(), 0.05,
                            a.lastTicketMinutes(), a.lastTicketByCapacity()));
                    publishScripted(hub, v2, quick, List.of("zh-TW", "en"), "zh-TW");
                    assertRefusedInBothLanguages(d, hub, 4, "setting category.A.service-minutes: must be a number from 0.1 to 240; got ‘0.05’",
                            "設定「category.A.service-minutes」無法套用：須為 0.1 至 240 之間的數字，收到「0.05」");
                    Browsers.shot(d, "settings-form-problem-refused-zh");
                    assertThat(formAnswer(d, hub, "en")).contains("version 4 refused");
                    Browsers.shot(d, "settings-form-problem-refused-en");

                    // English alone: the wall boards cannot show it, the node refuses, version 1's languages stay
                    publishScripted(hub, v2, v2.categories(), List.of("en"), "en");
                    assertRefusedInBothLanguages(d, hub, 5, "the wall boards cannot show only en: they show Traditional Chinese",
                            "叫號看板無法只顯示 en：看板一律顯示繁體中文");
                    Browsers.shot(d, "settings-form-board-refused-zh");
                    for (String lang : List.of("zh", "en")) {
                        d.get(hub.apiUrl() + "/lang/" + lang);
                        d.get(hub.apiUrl() + "/settings/" + OFFICE);
                        tw.jiaohao.hub.testing.Viewports.each((ChromeDriver) d, new int[][] {{800, 480}, {1920, 1080}, {1080, 1920}}, "answer",
                                size -> Browsers.shot(d, "settings-board-refused-" + lang + "-" + size));
                    }
                    assertThat(node.fleetSettings().appliedVersion()).isEqualTo(1);
                    assertThat(node.service().snapshot().languages()).as("the boards keep version 1's languages")
                            .isEqualTo(new tw.jiaohao.protocol.settings.OfficeSettings.Languages(List.of("zh-TW"), "zh-TW"));
                    d.manage().window().setSize(new Dimension(800, 480));
                    d.get(hub.apiUrl() + "/lang/zh");
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    Browsers.shot(d, "settings-form-zh-800x480");
                    d.manage().window().setSize(new Dimension(1080, 1920));
                    d.get(hub.apiUrl() + "/settings");
                    Browsers.shot(d, "settings-list-zh-portrait");
                    d.manage().window().setSize(new Dimension(1440, 1000));

                    // roles: an office manager has no settings link and is refused the pages and the API
                    d.findElement(By.id("logout")).click();
                    assertThat(Browsers.login(d, hub.apiUrl(), "chen", "chen-password-1")).isTrue();
                    assertThat(d.findElements(By.cssSelector("nav a[href='/settings']"))).isEmpty();
                    d.get(hub.apiUrl() + "/settings/" + OFFICE);
                    assertThat(d.findElements(By.id("settings-form"))).isEmpty();
                } finally {
                    d.quit();
                }
                HttpClient http = HttpClient.newHttpClient();
                assertThat(http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/settings")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                assertThat(http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/settings/" + OFFICE))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("ctr.0.number=1")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isIn(401, 302, 303, 403);
            } finally {
                node.close();
            }
            // a restart keeps version 1
            try (OfficeNode again = OfficeNode.start(config, Clock.systemUTC(), fast)) {
                assertThat(again.fleetSettings().appliedVersion()).isEqualTo(1);
                assertThat(again.fleetSettings().languages().offered()).as("kept with version 1").containsExactly("zh-TW");
                assertThat(again.engine().config().counter(1).orElseThrow().serves()).containsExactly("A");
                assertThat(again.engine().config().hours().closedDates()).containsExactly(java.time.LocalDate.of(2030, 1, 1));
            }
        }
    }

    /** The settings and the office's state stay retained on the shared broker otherwise. */
    @org.junit.jupiter.api.AfterEach
    void clearRetained() throws Exception {
        try (tw.jiaohao.hub.testing.TestClient c = new tw.jiaohao.hub.testing.TestClient(MOSQUITTO, OFFICE + "-clean")) {
            c.publish(tw.jiaohao.protocol.Topics.settings(OFFICE), new byte[0], true);
            c.publish(tw.jiaohao.protocol.Topics.state(OFFICE), new byte[0], true);
        }
    }

    /** As a hub that does not check what the node checks (an older or a scripted one) would publish: version 2's other settings. */
    private static void publishScripted(Hub hub, tw.jiaohao.protocol.settings.OfficeSettings base,
                                        List<tw.jiaohao.protocol.settings.OfficeSettings.Category> categories, List<String> offered, String defaultLanguage) {
        hub.dashboard().settings().publish(new User("boss", Role.HEAD_OFFICE, null), OFFICE, new tw.jiaohao.hub.settings.SettingsService.Draft(
                categories, base.counters(), base.hours(), base.starvationMinutes(),
                new tw.jiaohao.protocol.settings.OfficeSettings.Languages(offered, defaultLanguage)));
    }

    /** The office's last answer on the settings list shown. */
    private static String listedAnswer(WebDriver d) {
        return d.findElement(By.cssSelector("#settings-offices tr[data-office='" + OFFICE + "'] .answer")).getText();
    }

    /** The office's last answer on its settings form, read in {@code lang}. */
    private static String formAnswer(WebDriver d, Hub hub, String lang) {
        d.get(hub.apiUrl() + "/lang/" + lang);
        d.get(hub.apiUrl() + "/settings/" + OFFICE);
        return d.findElement(By.id("answer")).getText();
    }

    /**
     * Waits until the settings list (in English) shows the node's refusal of {@code version}, then
     * checks its reason in English there and in Chinese on the form, with no English left in it.
     */
    private static void assertRefusedInBothLanguages(WebDriver d, Hub hub, int version, String english, String chinese) {
        d.get(hub.apiUrl() + "/lang/en");
        Poll.until(Duration.ofSeconds(30), "the node's refusal of version " + version, () -> {
            d.get(hub.apiUrl() + "/settings");
            return listedAnswer(d).contains("version " + version + " refused");
        });
        assertThat(listedAnswer(d)).contains(english).contains("version 1 stays in force");
        assertThat(formAnswer(d, hub, "zh")).contains("第 " + version + " 版遭拒").contains(chinese).contains("仍使用第 1 版")
                .doesNotContainPattern("[A-Za-z]{3,} [a-z]{3,}");
    }

    private static void ok(OfficeNode node, CommandAction action) {
        CommandReply r = node.service().execute(CounterCommand.of(OFFICE, 1, action));
        assertThat(r.ok()).as(action + ": " + r).isTrue();
    }

    private static void waitForAnswer(WebDriver d, Hub hub, String text) {
        Poll.until(Duration.ofSeconds(30), "the office's answer: " + text, () -> {
            d.get(hub.apiUrl() + "/settings/" + OFFICE);
            return d.findElement(By.id("settings-status")).getText().contains(text);
        });
    }

    private static String value(WebDriver d, String name) {
        return d.findElement(By.name(name)).getAttribute("value");
    }

    private static void set(WebDriver d, String name, String text) {
        WebElement e = d.findElement(By.name(name));
        e.clear();
        e.sendKeys(text);
    }

    private static int codeRow(WebDriver d, String code) {
        for (int i = 0; ; i++) {
            if (value(d, "cat." + i + ".code").equals(code)) {
                return i;
            }
        }
    }

}
