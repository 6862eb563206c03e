package tw.jiaohao.office.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tw.jiaohao.forecast.staffing.ArrivalForecast;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;

class StaffingEvaluationTest {
    final OfficeConfig config = OfficeConfigLoader.defaults();

    @Test
    void theHistoryLeavesOutClosuresAndForecastsEachWorkingDayOfTheNextWeekFromItsOwnWeekday() {
        StaffingMain.Setup s = StaffingMain.setup(config, 7, new SplittableRandom(5));
        assertEquals(5, s.week().size());
        assertTrue(s.history().stream().noneMatch(d -> s.calendar().closures().contains(d.date())), "no closure in the history");
        assertTrue(s.history().stream().anyMatch(d -> d.date().getDayOfWeek() == DayOfWeek.SATURDAY), "the make-up Saturday is history");
        ArrivalForecast friday = StaffingMain.forecast(s, s.week().get(4));
        assertEquals(DayOfWeek.FRIDAY, friday.worksAs());
        assertEquals(6, friday.weeks(), "6 Fridays: 7 weeks minus the bridge Friday, plus the make-up Saturday, latest 6");
        assertTrue(friday.total() > 100, "a day of the demo office: " + friday.total());
    }

    @Test
    void theEvaluationPrintsADateRowPerWorkingDayTheWeekLineAndTheWarningFigures() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        StaffingMain.Setup s = StaffingMain.setup(config, 6, new SplittableRandom(9));
        StaffingMain.evaluate(out, s, 3, 1, new SplittableRandom(10));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(5, Pattern.compile("^\\| 2026-\\d\\d-\\d\\d \\|", Pattern.MULTILINE).matcher(text).results().count(), text);
        Matcher week = Pattern.compile("week: 15 simulated days; target met on ([\\d.]+) % of days following the advice, ([\\d.]+) % with one counter fewer at the peak, ([\\d.]+) % following Erlang-C").matcher(text);
        assertTrue(week.find(), text);
        assertTrue(Pattern.compile("peak hour \\(the hour with the most forecast arrivals\\): its own tickets met the target on [\\d.]+ % "
                + "of days following the advice, [\\d.]+ % with one counter fewer in it, [\\d.]+ % following Erlang-C").matcher(text).find(), text);
        assertTrue(Pattern.compile("the day's share called within 15 min \\(all its tickets, pooled over the days\\): [\\d.]+ % following the advice, "
                + "[\\d.]+ % with one counter fewer at the peak, [\\d.]+ % following Erlang-C").matcher(text).find(), text);
        assertTrue(Pattern.compile("the worst hour of any date \\(its own tickets\\): met the target on [\\d.]+ % of days following the advice, "
                + "[\\d.]+ % following Erlang-C").matcher(text).find(), text);
        assertTrue(text.contains("early warnings: 5 simulated days"), text);
        assertTrue(text.contains("false alarms"), text);
        assertTrue(text.contains("個櫃台"), "the advice in Chinese too");
    }
}
