package tw.jiaohao.board.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberReadingTest {
    private static String zh(int n) {
        return String.join(" ", NumberReading.mandarin(n).stream().map(c -> c.id().substring(3)).toList());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "1, num-1", "3, num-3", "9, num-9", "10, num-10", "11, num-11", "19, num-19", "20, num-20", "23, num-23",
            "99, num-99", "100, num-100", "101, num-100 num-01", "105, num-100 num-05", "110, num-100 num-i10",
            "115, num-100 num-i15", "120, num-100 num-20", "200, num-200", "215, num-200 num-i15", "999, num-900 num-99"})
    void mandarinCardinals_areSpokenWhole_atMostTwoClips(int n, String expected) {
        assertThat(zh(n)).isEqualTo(expected);
    }

    @Test
    void everyMandarinNumber_1to999_hasItsWholeClipsBundled() {
        ClipLibrary library = new ClipLibrary();
        for (int n = 1; n <= 999; n++) {
            for (Clip c : NumberReading.mandarin(n)) {
                assertThat(library.samples(c)).as("clip %s for %d", c, n).isNotEmpty();
            }
        }
    }

    @Test
    void englishCardinals() {
        assertThat(NumberReading.english(7).toString()).isEqualTo("[en/7]");
        assertThat(NumberReading.english(40).toString()).isEqualTo("[en/40]");
        assertThat(NumberReading.english(300).toString()).isEqualTo("[en/3, en/hundred]");
        assertThat(NumberReading.english(999).toString()).isEqualTo("[en/9, en/hundred, en/90, en/9]");
    }
}
