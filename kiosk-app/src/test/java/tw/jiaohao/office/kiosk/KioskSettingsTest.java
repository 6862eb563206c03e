package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KioskSettingsTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        KioskSettings s = KioskSettings.defaults();
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.printerFailureShown()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.width()).isEqualTo(1280);
        assertThat(s.height()).isEqualTo(800);
        assertThat(s.fullScreen()).isTrue();
        assertThat(s.language()).isEqualTo(I18n.CHINESE);
        assertThat(s.rotation()).isZero();
        // auto density: 15 mm on the official 7" display (132 dpi) and on the 10.1" 1280×800 panel (149 dpi)
        assertThat(s.minTouchPixels(800, 480)).isEqualTo(78);
        assertThat(s.minTouchPixels(1280, 800)).isEqualTo(88);
    }

    @Test
    void badValue_isRefusedNamingTheKey() {
        Properties p = new Properties();
        p.setProperty("kiosk.idle-seconds", "forever");
        assertThatThrownBy(() -> KioskSettings.from(p)).isInstanceOf(KioskException.class)
                .hasMessageContaining("kiosk.idle-seconds").hasMessageContaining("5..600");
        Properties q = new Properties();
        q.setProperty("kiosk.hub-public-url", "ftp://hub");
        assertThatThrownBy(() -> KioskSettings.from(q)).hasMessageContaining("kiosk.hub-public-url");
        Properties r = new Properties();
        r.setProperty("kiosk.language", "fr");
        assertThatThrownBy(() -> KioskSettings.from(r)).hasMessageContaining("kiosk.language");
    }

    @Test
    void aConfiguredDensity_winsOverThePanelTable_andBadScreenKeysAreRefusedNamingTheKey() {
        Properties p = new Properties();
        p.setProperty("kiosk.screen-dpi", "254");
        assertThat(KioskSettings.from(p).minTouchPixels(800, 480)).isEqualTo(150);
        p.setProperty("kiosk.screen-dpi", "20");
        assertThatThrownBy(() -> KioskSettings.from(p)).isInstanceOf(KioskException.class)
                .hasMessageContaining("kiosk.screen-dpi").hasMessageContaining("60..600").hasMessageContaining("'20'");
        Properties r = new Properties();
        r.setProperty("kiosk.rotation", "45");
        assertThatThrownBy(() -> KioskSettings.from(r)).isInstanceOf(KioskException.class)
                .hasMessageContaining("kiosk.rotation").hasMessageContaining("'45'");
    }

    @Test
    void statusUrl_namesOfficeDayAndNumber() {
        Properties p = new Properties();
        p.setProperty("kiosk.hub-public-url", "https://hub.example.com.tw/");
        KioskTicket t = new KioskTicket("2026-03-02/A023", "A023", "A", LocalDate.parse("2026-03-02"),
                Instant.parse("2026-03-02T02:00:00Z"), 3, 12);
        assertThat(KioskSettings.from(p).statusUrl("taipei-north", t))
                .isEqualTo("https://hub.example.com.tw/t/taipei-north/2026-03-02/A023");
    }

    @Test
    void withARealPrinter_theQrBaseIsRequired_andNeverLoopback_namingKeyRuleAndValue() {
        Properties p = new Properties();
        p.setProperty("hardware", "pi");
        assertThatThrownBy(() -> KioskSettings.from(p)).isInstanceOf(KioskException.class)
                .hasMessageContaining("kiosk.hub-public-url").hasMessageContaining("required with hardware=pi")
                .hasMessageContaining("office-setup");
        for (String bad : new String[] {"http://localhost:8080", "http://127.0.0.1", "https://127.1.2.3/x", "http://[::1]:8080",
                "http://0.0.0.0", "http://LOCALHOST.", "http://kiosk.localhost"}) {
            p.setProperty("kiosk.hub-public-url", bad);
            assertThatThrownBy(() -> KioskSettings.from(p)).as(bad).isInstanceOf(KioskException.class)
                    .hasMessageContaining("kiosk.hub-public-url").hasMessageContaining("must not point at this machine")
                    .hasMessageContaining("'" + bad + "'");
        }
        p.setProperty("kiosk.hub-public-url", "https://hub.example.com.tw");
        assertThat(KioskSettings.from(p).hubPublicUrl().toString()).isEqualTo("https://hub.example.com.tw");
        p.setProperty("kiosk.hub-public-url", "http://192.168.1.20:8080");
        assertThat(KioskSettings.from(p).hubPublicUrl().getHost()).isEqualTo("192.168.1.20");
    }

    @Test
    void withTheSimulatedPrinter_anEmptyQrBase_isTheDemoHubOnThisMachine() {
        Properties p = new Properties();
        p.setProperty("hardware", "simulated");
        assertThat(KioskSettings.from(p).hubPublicUrl().toString()).isEqualTo("http://localhost:8080");
        p.setProperty("kiosk.hub-public-url", "http://127.0.0.1:41234");
        assertThat(KioskSettings.from(p).hubPublicUrl().getPort()).isEqualTo(41234);
    }
}
