package tw.jiaohao.office.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OfficeHoursConfigTest {
    private static OfficeConfig load(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return OfficeConfigLoader.fromProperties(p);
    }

    @Test
    void withoutHoursTheOfficeIsOpenAroundTheClockAsBefore() {
        OfficeHours h = OfficeConfigLoader.defaults().hours();
        assertThat(h.enforced()).isFalse();
        assertThat(h.isOpen(LocalDateTime.parse("2026-11-22T03:00:00"))).isTrue();
        assertThat(h.closing(LocalDate.parse("2026-11-22"))).isEmpty();
    }

    @Test
    void hoursLunchDatesAndLastTicketRulesAreRead() throws Exception {
        OfficeConfig c = load("""
                hours.mon=08:30-17:00
                hours.sat=09:00-12:00
                hours.lunch=12:00-13:00
                hours.lunch-counters=4,5
                hours.closed-dates=2026-01-01
                hours.extra-dates=2026-02-07
                hours.last-ticket-minutes=30
                category.D.last-ticket-minutes=60
                category.B.last-ticket-by-capacity=true
                """);
        OfficeHours h = c.hours();
        assertThat(h.week()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
        assertThat(h.lunchCounters()).containsExactlyInAnyOrder(4, 5);
        assertThat(h.lastTicket("A", LocalDate.parse("2026-11-23"))).contains(LocalDateTime.parse("2026-11-23T16:30:00"));
        assertThat(h.lastTicket("D", LocalDate.parse("2026-11-23"))).contains(LocalDateTime.parse("2026-11-23T16:00:00"));
        assertThat(h.byCapacity("B")).isTrue();
        assertThat(h.byCapacity("A")).isFalse();
        assertThat(h.on(LocalDate.parse("2026-02-07"))).as("a make-up Saturday has the extra hours")
                .map(OfficeHours.Span::toString).contains("08:30-17:00");
    }

    @Test
    void aBadSpanNamesTheKeyTheRuleAndTheValue() {
        assertThatThrownBy(() -> load("hours.tue=17:00-08:30")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hours.tue").hasMessageContaining("HH:mm-HH:mm").hasMessageContaining("17:00-08:30");
    }

    @Test
    void aBadDateAndAnUnknownLunchCounterAreRefused() {
        assertThatThrownBy(() -> load("hours.closed-dates=2026-13-01")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hours.closed-dates").hasMessageContaining("2026-13-01");
        assertThatThrownBy(() -> load("hours.lunch-counters=9")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hours.lunch-counters").hasMessageContaining("counter 9");
    }

    @Test
    void aDateBothClosedAndExtraIsRefused() {
        assertThatThrownBy(() -> load("hours.closed-dates=2026-02-07\nhours.extra-dates=2026-02-07"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hours.extra-dates");
    }
}
