package tw.jiaohao.office.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;

class EstimatesEvaluationTest {
    final OfficeConfig config = OfficeConfigLoader.defaults();

    @Test
    void aSimulatedDayDrainsAndEveryCalledTicketHasAllFourEstimates() {
        EstimatesMain.Learned learned = EstimatesMain.learn(config, 2, new SplittableRandom(1));
        List<OfficeDay.Outcome> day = new OfficeDay(config, Regime.PEAKS, 7, learned.model(), learned.usualPerMinute()).run();
        assertThat(day).hasSizeGreaterThan(100);
        assertThat(day).allSatisfy(o -> {
            assertThat(o.actual()).isNotNegative();
            assertThat(o.estimate().lowMinutes()).isLessThanOrEqualTo(o.estimate().highMinutes());
        });
        assertThat(day.stream().mapToDouble(OfficeDay.Outcome::actual).max().orElseThrow())
                .as("arrivals scaled to the counters: no meltdown").isLessThan(180);
    }

    @Test
    void theTablePrintsEachPredictorPerRegimeAndWhetherTheTargetsAreMet() {
        EstimatesMain.Learned learned = EstimatesMain.learn(config, 2, new SplittableRandom(1));
        EstimatesMain.Result r = EstimatesMain.evaluate(config, Regime.LUNCH, 1, learned, new SplittableRandom(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EstimatesMain.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(r));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| lunch | 1 |", "| old |", "| QL |", "| LES |", "| **new** (median) |", "coverage 80 % ± 5 %");
        assertThat(r.coverage()).isBetween(0.5, 1.0);
        assertThat(table).as("each MAE verdict with its figures and the relation it found")
                .contains(EstimatesMain.versus(r.maeVsBaselines(), r.forecast().mae(), r.baselineBar()),
                        EstimatesMain.versus(r.maeVsWait(), r.forecast().mae(), r.waitBar()));
    }

    @Test
    void aMissedMaeBarReadsAsAMissEvenWhereTheRoundedFiguresWouldBeEqual() {
        assertThat(EstimatesMain.versus(false, 3.04, 3.0)).isEqualTo("✗ 3.04 > 3.00");
        assertThat(EstimatesMain.versus(true, 2.96, 3.0)).isEqualTo("✓ 2.96 ≤ 3.00");
    }

    @Test
    void theTablesFiguresUseAPointWhateverTheMachinesLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(EstimatesMain.versus(false, 3.04, 3.0)).isEqualTo("✗ 3.04 > 3.00");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aLongSimulationRunsOverWorkingDaysEndingToday() {
        LocalDate monday = LocalDate.parse("2026-11-30");
        List<LocalDate> days = SimulationMain.workingDays(monday, 7);
        assertThat(days).hasSize(7).endsWith(monday).noneMatch(d -> d.getDayOfWeek() == DayOfWeek.SUNDAY && !d.equals(monday));
        assertThat(days.get(0)).isEqualTo(LocalDate.parse("2026-11-23"));
    }
}
