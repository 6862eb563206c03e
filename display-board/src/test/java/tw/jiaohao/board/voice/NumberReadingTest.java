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
            "1, 1", "3, 3", "9, 9", "10, shi", "11, shi 1", "12, shi 2", "19, shi 9", "20, 2 shi", "23, 2 shi 3",
            "99, 9 shi 9", "100, 1 bai", "101, 1 bai 0 1", "105, 1 bai 0 5", "110, 1 bai 1 shi", "115, 1 bai 1 shi 5",
            "120, 1 bai 2 shi", "200, liang bai", "215, liang bai 1 shi 5", "999, 9 bai 9 shi 9"})
    void mandarinCardinals(int n, String expected) {
        assertThat(zh(n)).isEqualTo(expected);
    }

    @Test
    void englishCardinals() {
        assertThat(NumberReading.english(7).toString()).isEqualTo("[en/7]");
        assertThat(NumberReading.english(40).toString()).isEqualTo("[en/40]");
        assertThat(NumberReading.english(300).toString()).isEqualTo("[en/3, en/hundred]");
        assertThat(NumberReading.english(999).toString()).isEqualTo("[en/9, en/hundred, en/90, en/9]");
    }
}
