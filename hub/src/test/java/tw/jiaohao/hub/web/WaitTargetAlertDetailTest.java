package tw.jiaohao.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;

/** A WAIT_TARGET_AT_RISK alert's detail, stored in the engine's English form, is said in the reader's language. */
class WaitTargetAlertDetailTest {
    private static Alert alert(String detail) {
        Instant at = Instant.parse("2026-03-02T03:00:00Z");
        return new Alert(1, AlertKind.WAIT_TARGET_AT_RISK, "o1", null, null, null, detail, at, at, 1, null, null);
    }

    @Test
    void aRiskWithACounterToOpenReadsInChineseAndEnglish() {
        Alert a = alert("The wait target will likely break in about 20 min (80% called within 15 min; risk 62%)."
                + " Open counter 5 (for D, C): risk falls to 10%");
        assertThat(Pages.detail(a, I18n.of("zh-TW")))
                .isEqualTo("預計約 20 分鐘內未達等候目標（80% 於 15 分鐘內叫號，風險 62%）。開 5 號櫃台（辦 D, C），風險降至 10%");
        assertThat(Pages.detail(a, I18n.of("en")))
                .isEqualTo("The wait target will likely break in about 20 min (80% called within 15 min; risk 62%). Open counter 5 (for D, C): risk falls to 10%");
    }

    @Test
    void aTargetBrokenNowWithEveryCounterOpenReadsInChinese() {
        Alert a = alert("The wait target is broken now (80% called within 15 min; risk 100%). Every counter is already open");
        assertThat(Pages.detail(a, I18n.of("zh-TW"))).isEqualTo("等候目標已未達成（80% 於 15 分鐘內叫號，風險 100%）。所有櫃台皆已開啟");
    }
}
