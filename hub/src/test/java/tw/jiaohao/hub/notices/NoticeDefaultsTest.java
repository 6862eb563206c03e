package tw.jiaohao.hub.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeDefaultsTest {
    @Test
    void aPlainAreaAndLeadDaysAreKept_strippedOfBlanks() {
        NoticeDefaults d = new NoticeDefaults("taipei-1", "  大安區（和平東路一段、復興南路）  ", 3);
        assertThat(d.area()).isEqualTo("大安區（和平東路一段、復興南路）");
        assertThat(d.hasArea()).isTrue();
        assertThat(d.displayStart(Instant.parse("2026-12-10T01:00:00Z"))).isEqualTo(Instant.parse("2026-12-07T01:00:00Z"));
    }

    @Test
    void noAreaMeansNothingToPrefill_andTheBoundsOfLeadDaysAreAccepted() {
        assertThat(new NoticeDefaults("o", null, 0).hasArea()).isFalse();
        assertThat(new NoticeDefaults("o", "   ", 30).area()).isEmpty();
    }

    @Test
    void sixtyCharactersAreAccepted_sixtyOneAreNot_countingCharactersNotBytes() {
        assertThat(new NoticeDefaults("o", "區".repeat(60), 1).area()).hasSize(60);
        assertRefused("區".repeat(61), "area.tooLong");
        assertThat(new NoticeDefaults("o", "𠀋".repeat(60), 1).area()).isNotEmpty(); // outside the BMP: one character each
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "大安區\\n信義區|area.lines",
            "大安區\\r信義區|area.lines",
            "大安區\\t信義區|area.lines",
            "聯絡人 A123456789|area.personalId",
            "a223456789 大安區|area.personalId",
            "Ａ１２３４５６７８９|area.personalId",
            "電話 0223456789|area.digits",
            "電話 02-2345-6789|area.digits",
            "帳號 1234567|area.digits",
            "０２２３４５６７８|area.digits",
            "someone@example.com.tw|area.email",
            "聯絡 wang.da@mail.gov.tw 大安|area.email",
    })
    void personalDataShapesAndSeveralLinesAreRefused(String area, String code) {
        assertRefused(area.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t"), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"中山區 1-3 鄰", "大安區 123456 號以下", "信義路五段7號", "B3 地下室", "A1234 區"})
    void ordinaryAreasWithSomeDigitsAreAccepted(String area) {
        assertThat(new NoticeDefaults("o", area, 2).area()).isEqualTo(area);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 31, Integer.MAX_VALUE})
    void leadDaysOutsideZeroToThirtyAreRefused(int days) {
        assertThatThrownBy(() -> new NoticeDefaults("o", "大安區", days)).isInstanceOfSatisfying(NoticeDefaults.Refused.class, e -> {
            assertThat(e.field()).isEqualTo("leadDays");
            assertThat(e.code()).isEqualTo("leadDays.range");
        });
    }

    @Test
    void leadDaysAsTypedMustBeAWholeNumber_fullWidthDigitsRead() {
        assertThat(NoticeDefaults.leadDays(" 3 ")).isEqualTo(3);
        assertThat(NoticeDefaults.leadDays("１２")).isEqualTo(12);
        for (String bad : new String[] {"", "2.5", "three", null}) {
            assertThatThrownBy(() -> NoticeDefaults.leadDays(bad)).isInstanceOfSatisfying(NoticeDefaults.Refused.class,
                    e -> assertThat(e.code()).isEqualTo("leadDays.number"));
        }
    }

    @Test
    void anOfficeIsNeeded() {
        assertThatThrownBy(() -> new NoticeDefaults(" ", "大安區", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalNeverRepeatsTheValue() {
        assertThatThrownBy(() -> new NoticeDefaults("o", "王小明 0912345678", 1)).satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("0912345678").doesNotContain("王小明"));
    }

    private static void assertRefused(String area, String code) {
        assertThatThrownBy(() -> new NoticeDefaults("o", area, 1)).isInstanceOfSatisfying(NoticeDefaults.Refused.class, e -> {
            assertThat(e.field()).isEqualTo("area");
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
