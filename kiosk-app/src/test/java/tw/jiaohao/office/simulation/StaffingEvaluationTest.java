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
        assertTrue(Pattern.compile("THE reading of the bars .*\\n  bar 1, following the advice meets the target on >= 90 % of days: [\\d.]+ % of 15 days -> (HOLDS|FAILS)\\n"
                + "  bar 2, one counter fewer in the peak hour misses it measurably: [\\d.]+ % of days \\([-+][\\d.]+ points\\); "
                + "met by the advice only on \\d+ days, by one fewer only on \\d+ \\(sign test p = [\\d.e-]+\\) -> (HOLDS|FAILS)").matcher(text).find(), text);
        assertTrue(text.contains("counter-hours for the week: "), text);
    }

    @Test
    void oneFewerMissesMeasurablyOnlyWhenTheDaysOnlyTheAdviceMetOutnumberTheReverseBeyondChance() {
        StaffingMain.Pairs sevenToNone = pairs(7, 0);
        assertEquals(1 / 128.0, sevenToNone.p(), 1e-12);
        assertTrue(sevenToNone.measurable());
        StaffingMain.Pairs nineToOne = pairs(9, 1);
        assertEquals(11 / 1024.0, nineToOne.p(), 1e-12);
        assertTrue(!nineToOne.measurable(), "p = 0.011 is not below 0.01");
        assertTrue(!pairs(3, 30).measurable(), "one fewer better is not a miss");
        assertEquals(1.0, pairs(0, 0).p(), 1e-12);
    }

    private static StaffingMain.Pairs pairs(int onlyAdvice, int onlyFewer) {
        StaffingMain.Pairs p = new StaffingMain.Pairs();
        for (int i = 0; i < onlyAdvice; i++) {
            p.add(true, false);
        }
        for (int i = 0; i < onlyFewer; i++) {
            p.add(false, true);
        }
        p.add(true, true);
        p.add(false, false);
        return p;
    }
}
