package tw.jiaohao.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.store.SqliteHubStore.Span;

/** How a date range splits into whole months (month rollups) and single days (day rollups). */
class SpanTest {
    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void aRangeInsideOneMonth_isDaysOnly() {
        assertThat(Span.split(d("2026-11-03"), d("2026-11-22"))).containsExactly(new Span(false, d("2026-11-03"), d("2026-11-22")));
        assertThat(Span.split(d("2026-11-01"), d("2026-11-29"))).as("ends one day short of the month")
                .containsExactly(new Span(false, d("2026-11-01"), d("2026-11-29")));
    }

    @Test
    void aWholeMonth_isOneMonthRow() {
        assertThat(Span.split(d("2026-11-01"), d("2026-11-30"))).containsExactly(new Span(true, d("2026-11-01"), d("2026-11-01")));
        assertThat(Span.split(d("2028-02-01"), d("2028-02-29"))).as("leap February")
                .containsExactly(new Span(true, d("2028-02-01"), d("2028-02-01")));
    }

    @Test
    void midMonthToMidMonth_isDaysThenWholeMonthsThenDays_acrossTheYearEnd() {
        assertThat(Span.split(d("2025-11-23"), d("2026-11-22"))).containsExactly(
                new Span(false, d("2025-11-23"), d("2025-11-30")),
                new Span(true, d("2025-12-01"), d("2026-10-01")),
                new Span(false, d("2026-11-01"), d("2026-11-22")));
        assertThat(Span.split(d("2026-01-31"), d("2026-03-01"))).containsExactly(
                new Span(false, d("2026-01-31"), d("2026-01-31")),
                new Span(true, d("2026-02-01"), d("2026-02-01")),
                new Span(false, d("2026-03-01"), d("2026-03-01")));
    }

    @Test
    void twoPartialMonthsWithNothingWholeBetween_areDaysOnly() {
        assertThat(Span.split(d("2026-10-15"), d("2026-11-10"))).containsExactly(new Span(false, d("2026-10-15"), d("2026-11-10")));
    }
}
