package tw.jiaohao.hub.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.jiaohao.forecast.staffing.OfficeCalendar;
import tw.jiaohao.protocol.settings.OfficeSettings;

/** Head office's closure and extra working dates reach the hub's staffing calendar. */
class StaffingCalendarTest {
    private static final String DAY = "08:30-17:00";

    @Test
    void aClosureDateIsNoWorkingDayAndAMakeUpSaturdayWorksAsTheBridgeDayItReplaces() {
        OfficeCalendar learned = new OfficeCalendar(OfficeCalendar.MONDAY_TO_FRIDAY, Set.of(), Map.of());
        LocalDate bridgeFriday = LocalDate.parse("2026-02-06");
        LocalDate holidayWednesday = LocalDate.parse("2026-03-18");
        LocalDate makeUpSaturday = LocalDate.parse("2026-02-14");
        OfficeSettings.Hours hours = new OfficeSettings.Hours(List.of(DAY, DAY, DAY, DAY, DAY, "", ""), "", List.of(),
                List.of(bridgeFriday, holidayWednesday), List.of(makeUpSaturday), DAY, 0, false, 0);

        OfficeCalendar c = StaffingService.calendar(learned, hours);

        assertThat(c.worksAs(holidayWednesday)).isEmpty();
        assertThat(c.worksAs(bridgeFriday)).isEmpty();
        assertThat(c.worksAs(makeUpSaturday)).contains(DayOfWeek.FRIDAY);
        assertThat(c.worksAs(LocalDate.parse("2026-03-19"))).contains(DayOfWeek.THURSDAY);
        assertThat(c.worksAs(LocalDate.parse("2026-02-21"))).as("an ordinary Saturday").isEmpty();
    }
}
