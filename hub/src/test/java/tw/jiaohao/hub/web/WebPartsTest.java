package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WebPartsTest {
    @Test
    void bothLanguages_haveTheSameKeys() throws Exception {
        assertThat(keys("/web/i18n/messages_zh_TW.properties")).isEqualTo(keys("/web/i18n/messages.properties")).hasSizeGreaterThan(100);
        assertThat(I18n.of("zh").t("nav.offices")).isEqualTo("各服務所");
        assertThat(I18n.of("en").t("offices.withinTarget", 15)).isEqualTo("Within 15 min");
        assertThat(I18n.of("xx").lang()).isEqualTo("zh");
    }

    private static Set<String> keys(String resource) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(WebPartsTest.class.getResourceAsStream(resource), java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.stringPropertyNames();
    }

    @Test
    void csv_quotesAndDefusesFormulas() {
        String csv = new Csv().row("a,b", "say \"hi\"", "=HYPERLINK(1)", -3, null, 1.5).toString();
        assertThat(csv).isEqualTo("\uFEFF\"a,b\",\"say \"\"hi\"\"\",'=HYPERLINK(1),-3,,1.500\r\n");
    }

    @Test
    void html_escapesEverything() {
        assertThat(Html.esc("<script>alert('x')</script>&\"")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }

    @Test
    void alertDetails_speakTheReadersLanguage_notTheHubsCodes() {
        java.time.Instant at = java.time.Instant.parse("2026-12-01T06:00:00Z");
        var wait = new tw.jiaohao.hub.alerts.Alert(1, tw.jiaohao.hub.alerts.AlertKind.WAIT_OVER_TARGET, "taipei-1", null, 3, "B004",
                "waited 123 min (target 15 min)", at, at, 1, null, null);
        var board = new tw.jiaohao.hub.alerts.Alert(2, tw.jiaohao.hub.alerts.AlertKind.DEVICE_OFFLINE, "taipei-1", "board-1", null, null,
                "WALL_BOARD", at, at, 1, null, null);
        assertThat(Pages.detail(wait, I18n.of("zh"))).isEqualTo("3 號櫃台 B004 等候 123 分鐘（目標 15 分鐘）");
        assertThat(Pages.detail(wait, I18n.of("en"))).isEqualTo("counter 3 B004 waited 123 min (target 15 min)");
        assertThat(Pages.detail(board, I18n.of("zh"))).isEqualTo("board-1 叫號看板");
        assertThat(Pages.detail(board, I18n.of("en"))).isEqualTo("board-1 wall board");
    }

    @Test
    void durations_readAsDurationsInBothLanguages_neverAsClockTimes() {
        I18n zh = I18n.of("zh");
        I18n en = I18n.of("en");
        assertThat(Html.duration(502.0, zh)).isEqualTo("8 分 22 秒");
        assertThat(Html.duration(502.0, en)).isEqualTo("8 min 22 s");
        assertThat(Html.duration(4840.0, zh)).isEqualTo("1 小時 20 分");
        assertThat(Html.duration(4840.0, en)).isEqualTo("1 h 20 min");
        assertThat(Html.duration(3599.6, en)).isEqualTo("1 h 0 min");
        assertThat(Html.duration(42.4, zh)).isEqualTo("42 秒");
        assertThat(Html.duration(null, en)).isEqualTo("–");
    }

    @Test
    void loginRedirect_staysOnThisSite() {
        assertThat(DashboardWeb.safeNext("/offices/taipei-1")).isEqualTo("/offices/taipei-1");
        assertThat(DashboardWeb.safeNext("//evil.example")).isEqualTo("/offices");
        assertThat(DashboardWeb.safeNext("https://evil.example")).isEqualTo("/offices");
        assertThat(DashboardWeb.safeNext(null)).isEqualTo("/offices");
    }

    @Test
    void loginRedirect_refusesEveryPathABrowserWouldReadAsAnotherHost() {
        assertThat(DashboardWeb.safeNext("/cases/taipei-1/T-0001?state=all&office=taipei-1")).isEqualTo("/cases/taipei-1/T-0001?state=all&office=taipei-1");
        for (String hostile : new String[] {"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\\evil.example",
                "/\\/evil.example", "/ /evil.example", "/\u0000/evil.example", "/\u007f/evil.example", "/\u3000/evil.example",
                "///evil.example", "https:evil.example", "javascript:alert(1)", "evil.example", "/LOGIN?next=//evil.example", ""}) {
            assertThat(DashboardWeb.safeNext(hostile)).as(hostile).isEqualTo("/offices");
        }
    }
}
