package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.notices.NoticeDefaults;
import tw.jiaohao.hub.notices.NoticeRecord;
import tw.jiaohao.hub.testing.Browsers;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Viewports;

/**
 * Notices' defaults in Chromium: head office sets an office's supply area and lead days on the
 * office's settings page (a value shaped like personal data is refused in the page's language,
 * with what was typed, and counted); the notice form then prefills them for a notice to that
 * office alone (area; shown from = water off from minus the lead days; shown until moved so it is
 * not before), takes an untouched prefill back for several offices, never overwrites what the
 * user changed, and publishes the notice with the prefilled window. A date-time that cannot be
 * read is a 400 in the page's language. With {@code -Dscreenshots.dir=DIR} it writes PNGs.
 */
@Tag("system")
class NoticeDefaultsBrowserIT {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String OFFICE = "taipei-1";
    private static final String AREA = "大安區（和平東路一段、復興南路一段）";
    private static final int[][] SIZES = {{800, 480}, {1920, 1080}};

    @TempDir
    Path dir;

    @Test
    void headOfficeSetsAnOfficesNoticeDefaults_andTheNoticeFormPrefillsThemForThatOfficeAlone() throws Exception {
        try (Hub hub = Hub.start(HubFixture.config(dir.resolve("hub"), "", "notice-defaults-it-hub", Map.of("broker.embedded.port", "0")),
                Clock.systemUTC())) {
            hub.dashboard().auth().createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
            hub.dashboard().auth().createUser(new User("chen", Role.OFFICE_MANAGER, OFFICE), "chen-password-1".toCharArray());
            DashboardWeb web = hub.dashboard().web();
            ChromeDriver d = Browsers.chromium(dir, 1440, 1000);
            try {
                assertThat(Browsers.login(d, hub.apiUrl(), "boss", "boss-password-1")).isTrue();

                // the pushed settings' own form: a refusal there is counted the same way
                d.get(hub.apiUrl() + "/settings/" + OFFICE);
                WebElement starvation = d.findElement(By.name("starvationMinutes"));
                starvation.sendKeys(Keys.chord(Keys.CONTROL, "a"), "half an hour");
                Browsers.clickThrough(d, d.findElement(By.id("publish")));
                assertThat(d.findElement(By.id("settings-error")).getText()).contains("starvationMinutes");
                assertThat(web.formsRefused(SettingsPages.REFUSED_SETTINGS)).isEqualTo(1);
                assertThat(web.formsRefused(SettingsPages.REFUSED_DEFAULTS)).isZero();

                // refused in Chinese: a telephone number in the area; what was typed comes back, nothing is stored
                d.get(hub.apiUrl() + "/settings/" + OFFICE);
                assertThat(d.findElement(By.id("notice-defaults-none")).getText()).contains("尚未設定");
                type(d, "nd-area", "大安區 洽詢 02-2345-6789");
                type(d, "nd-lead-days", "3");
                Browsers.clickThrough(d, d.findElement(By.id("save-notice-defaults")));
                assertThat(d.findElement(By.id("notice-defaults-error")).getText())
                        .isEqualTo("未儲存：「供水區域」含連續七位以上數字（電話或帳號？）；請只寫區域名稱");
                assertThat(d.findElement(By.id("nd-area")).getAttribute("value")).isEqualTo("大安區 洽詢 02-2345-6789");
                assertThat(hub.dashboard().notices().defaults(OFFICE)).isEmpty();
                assertThat(web.formsRefused(SettingsPages.REFUSED_DEFAULTS)).isEqualTo(1);
                shots(d, "notice-defaults", "settings-notice-defaults-refused-zh");

                // refused in English: an e-mail address, then lead days out of range
                d.get(hub.apiUrl() + "/settings/" + OFFICE + "?lang=en");
                type(d, "nd-area", "Da'an, ask wang@example.com.tw");
                type(d, "nd-lead-days", "3");
                Browsers.clickThrough(d, d.findElement(By.id("save-notice-defaults")));
                assertThat(d.findElement(By.id("notice-defaults-error")).getText()).isEqualTo(
                        "Not saved: Supply area: looks like an e-mail address (personal data); name the area only");
                shots(d, "notice-defaults", "settings-notice-defaults-refused-en");
                type(d, "nd-area", AREA);
                type(d, "nd-lead-days", "45");
                Browsers.clickThrough(d, d.findElement(By.id("save-notice-defaults")));
                assertThat(d.findElement(By.id("notice-defaults-error")).getText()).endsWith("a whole number of days from 0 to 30");
                assertThat(d.findElement(By.id("nd-area")).getAttribute("value")).isEqualTo(AREA);
                assertThat(web.formsRefused(SettingsPages.REFUSED_DEFAULTS)).isEqualTo(3);
                assertThat(hub.dashboard().notices().defaults(OFFICE)).isEmpty();

                // saved
                type(d, "nd-lead-days", "3");
                Browsers.clickThrough(d, d.findElement(By.id("save-notice-defaults")));
                assertThat(d.findElement(By.id("notice-defaults-saved")).getText()).isEqualTo("Notices' defaults saved.");
                assertThat(hub.dashboard().notices().defaults(OFFICE)).contains(new NoticeDefaults(OFFICE, AREA, 3));
                assertThat(d.findElement(By.id("nd-area")).getAttribute("value")).isEqualTo(AREA);
                shots(d, "notice-defaults", "settings-notice-defaults-saved-en");
                d.get(hub.apiUrl() + "/settings/" + OFFICE + "?lang=zh&defaults=saved");
                assertThat(d.findElement(By.id("notice-defaults-saved")).getText()).isEqualTo("公告預設值已儲存。");
                shots(d, "notice-defaults", "settings-notice-defaults-saved-zh");

                // the notice form: one office prefills, the end moves after the start
                d.get(hub.apiUrl() + "/notices?lang=zh");
                String suggestedStart = value(d, "startsAt");
                String suggestedEnd = value(d, "endsAt");
                assertThat(d.findElement(By.id("outageStartsAt")).getAttribute("placeholder")).isEqualTo("年-月-日 時:分");
                LocalDateTime off = LocalDate.now(TAIPEI).plusDays(10).atTime(9, 0);
                LocalDateTime on = off.plusHours(8);
                new Select(d.findElement(By.id("kind"))).selectByValue("WATER_OUTAGE");
                d.findElement(By.id("titleZh")).sendKeys("大安區計畫性停水");
                d.findElement(By.id("reason")).sendKeys("管線汰換工程");
                type(d, "offices", OFFICE);
                assertThat(value(d, "area")).as("the area as soon as the office is named").isEqualTo(AREA);
                type(d, "outageStartsAt", SHOWN.format(off));
                assertThat(value(d, "startsAt")).isEqualTo(SHOWN.format(off.minusDays(3)));
                assertThat(value(d, "endsAt")).as("never before the prefilled start").isEqualTo(SHOWN.format(off.minusDays(3).plusHours(4)));
                type(d, "outageEndsAt", SHOWN.format(on));
                assertThat(value(d, "endsAt")).as("until the water is back on").isEqualTo(SHOWN.format(on));
                assertThat(d.findElement(By.id("prefill-note")).isDisplayed()).isTrue();
                Viewports.each(d, new int[][] {{800, 480}, {1920, 1080}, {1080, 1920}}, "notice-form",
                        size -> Browsers.shot(d, "notices-prefilled-zh-" + size));

                // several offices: untouched prefills are taken back
                type(d, "offices", OFFICE + ", taichung-2");
                assertThat(value(d, "area")).isEmpty();
                assertThat(value(d, "startsAt")).isEqualTo(suggestedStart);
                assertThat(value(d, "endsAt")).isEqualTo(suggestedEnd);
                assertThat(d.findElement(By.id("prefill-note")).isDisplayed()).isFalse();
                // one office again, the user changes the area: it stays through every later change
                type(d, "offices", OFFICE);
                assertThat(value(d, "area")).isEqualTo(AREA);
                type(d, "area", "大安區 和平東路一段");
                type(d, "offices", OFFICE + ",taichung-2");
                assertThat(value(d, "area")).isEqualTo("大安區 和平東路一段");
                type(d, "offices", OFFICE);
                assertThat(value(d, "area")).isEqualTo("大安區 和平東路一段");
                assertThat(value(d, "startsAt")).isEqualTo(SHOWN.format(off.minusDays(3)));
                type(d, "startsAt", SHOWN.format(off.minusDays(1)));
                type(d, "outageStartsAt", SHOWN.format(off.plusHours(1)));
                assertThat(value(d, "startsAt")).as("a start the user typed is never overwritten").isEqualTo(SHOWN.format(off.minusDays(1)));
                type(d, "outageStartsAt", SHOWN.format(off));
                type(d, "area", AREA);

                // published with the prefilled window
                Browsers.clickThrough(d, d.findElement(By.id("publish")));
                assertThat(d.findElements(By.id("notice-message"))).as(d.findElement(By.tagName("main")).getText()).hasSize(1);
                NoticeRecord written = hub.dashboard().notices().recent(1).get(0);
                assertThat(written.offices()).containsExactly(OFFICE);
                assertThat(written.notice().area()).isEqualTo(AREA);
                assertThat(written.notice().startsAt()).isEqualTo(off.minusDays(1).atZone(TAIPEI).toInstant());
                assertThat(written.notice().outageStartsAt()).isEqualTo(off.atZone(TAIPEI).toInstant());

                // English: the same prefill, the fields' placeholder in English
                d.get(hub.apiUrl() + "/notices?lang=en");
                assertThat(d.findElement(By.id("startsAt")).getAttribute("placeholder")).isEqualTo("YYYY-MM-DD HH:MM");
                new Select(d.findElement(By.id("kind"))).selectByValue("WATER_OUTAGE");
                d.findElement(By.id("titleZh")).sendKeys("大安區計畫性停水");
                d.findElement(By.id("titleEn")).sendKeys("Planned water outage, Da'an");
                d.findElement(By.id("reason")).sendKeys("管線汰換工程");
                type(d, "offices", OFFICE);
                type(d, "outageStartsAt", SHOWN.format(off));
                type(d, "outageEndsAt", SHOWN.format(on));
                assertThat(value(d, "startsAt")).isEqualTo(SHOWN.format(off.minusDays(3)));
                assertThat(d.findElement(By.id("prefill-note")).getText()).startsWith("Filled in from the office's notices' defaults");
                Viewports.each(d, SIZES, "notice-form", size -> Browsers.shot(d, "notices-prefilled-en-" + size));

                // a date-time the server cannot read (past the browser's pattern check): 400 in the page's language, counted
                long before = web.formsRefused(DashboardWeb.REFUSED_NOTICE);
                d.executeScript("var e = document.getElementById('outageEndsAt'); e.removeAttribute('pattern'); e.value = '12/20/2026 5pm';");
                Browsers.clickThrough(d, d.findElement(By.id("publish")));
                assertThat(d.findElement(By.id("notice-error")).getText())
                        .isEqualTo("Water back on: type the date and time as year-month-day hour:minute, e.g. 2026-12-04 09:30.");
                assertThat(value(d, "outageEndsAt")).isEqualTo("12/20/2026 5pm");
                assertThat(web.formsRefused(DashboardWeb.REFUSED_NOTICE)).isEqualTo(before + 1);
                assertThat(hub.dashboard().notices().recent(10)).hasSize(1);
            } finally {
                d.quit();
            }
            // an office manager: no settings page, so no defaults form
            ChromeDriver m = Browsers.chromium(dir, 1440, 1000);
            try {
                assertThat(Browsers.login(m, hub.apiUrl(), "chen", "chen-password-1")).isTrue();
                m.get(hub.apiUrl() + "/settings/" + OFFICE);
                assertThat(m.findElements(By.id("notice-defaults-form"))).isEmpty();
                assertThat(m.getPageSource()).contains("403");
                m.get(hub.apiUrl() + "/notices");
                assertThat(m.findElements(By.id("notice-defaults"))).as("no defaults on a page without the form").isEmpty();
            } finally {
                m.quit();
            }
        }
    }

    /** Replaces a field's text as a user would (select all, type): the page's script sees input events. */
    private static void type(ChromeDriver d, String id, String text) {
        WebElement e = d.findElement(By.id(id));
        e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        e.sendKeys(text);
        new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> text.equals(e.getAttribute("value")));
    }

    private static String value(ChromeDriver d, String id) {
        return d.findElement(By.id(id)).getAttribute("value");
    }

    private static void shots(ChromeDriver d, String id, String name) {
        Viewports.each(d, SIZES, id, size -> Browsers.shot(d, name + "-" + size));
    }
}
