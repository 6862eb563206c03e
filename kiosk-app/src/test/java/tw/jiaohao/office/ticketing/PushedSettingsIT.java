package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.protocol.counter.CommandAction.CALL_NEXT;
import static tw.jiaohao.protocol.counter.CommandAction.FINISH;
import static tw.jiaohao.protocol.counter.CommandAction.OPEN;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.protocol.state.StateSnapshot;

/** Head office's settings put in force by the engine ({@link PushedSettings}), on a real SQLite file. */
class PushedSettingsIT {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-11-22T01:00:00Z");
    TestOffice office;
    final AtomicInteger recorded = new AtomicInteger();

    @BeforeEach
    void open() {
        office = new TestOffice(TestOffice.defaultConfig(dir), clock);
    }

    @AfterEach
    void close() {
        office.close();
    }

    private SettingsWait apply(OfficeConfig next) {
        return office.engine.applySettings(next, c -> {
            recorded.incrementAndGet();
            return null;
        });
    }

    /** The office's settings with counter {@code number} replaced (or added) by one serving {@code serves}. */
    private OfficeConfig withCounter(OfficeConfig base, int number, List<String> serves) {
        List<CounterConfig> counters = new ArrayList<>(base.counters().stream().filter(c -> c.number() != number).toList());
        counters.add(new CounterConfig(number, number + "號櫃台", serves));
        return base.withFleet(base.categories(), counters, base.starvationCeiling(), base.hours());
    }

    @Test
    void aCounterInACall_keepsItsSettingsUntilTheCallEnds_thenTheyApplyWithTheRecordAndTheNewCountersRow() {
        office.engine.issue("A");
        assertThat(office.command(1, OPEN).ok()).isTrue();
        String called = office.command(1, CALL_NEXT).ticket().number();
        OfficeConfig next = withCounter(withCounter(office.config, 1, List.of("A")), 9, List.of("A", "B"));

        SettingsWait wait = apply(next);

        assertThat(wait).isNotNull();
        assertThat(wait.code()).isEqualTo("COUNTER_BUSY");
        assertThat(wait.args()).containsExactly("1", called);
        assertThat(recorded).as("nothing recorded while waiting").hasValue(0);
        assertThat(office.engine.config().counter(1).orElseThrow().serves()).containsExactly("P", "A", "B");
        assertThat(office.command(9, OPEN).ok()).as("counter 9 not in force yet").isFalse();

        assertThat(office.command(1, FINISH).ok()).isTrue();
        assertThat(apply(next)).isNull();

        assertThat(recorded).hasValue(1);
        assertThat(office.engine.config()).isEqualTo(next);
        assertThat(office.command(9, OPEN).ok()).as("the new counter has its row").isTrue();
    }

    @Test
    void aCounterInACallWhoseSettingsStayTheSame_doesNotHoldThemBack() {
        office.engine.issue("A");
        office.command(1, OPEN);
        office.command(1, CALL_NEXT);
        OfficeConfig next = withCounter(office.config, 2, List.of("A"));

        assertThat(apply(next)).isNull();

        assertThat(office.engine.config().counter(2).orElseThrow().serves()).containsExactly("A");
    }

    @Test
    void droppingACategoryWithTicketsWaiting_isRefusedWithTheCountAndChangesNothing() {
        office.engine.issue("B");
        office.engine.issue("B");
        List<CategoryConfig> withoutB = office.config.categories().stream().filter(c -> !c.code().equals("B")).toList();
        List<CounterConfig> counters = office.config.counters().stream()
                .map(c -> new CounterConfig(c.number(), c.name(), c.serves().stream().filter(s -> !s.equals("B")).toList())).toList();
        OfficeConfig next = office.config.withFleet(withoutB, counters, office.config.starvationCeiling(), office.config.hours());

        assertThatThrownBy(() -> apply(next)).isInstanceOfSatisfying(SettingsRefusedException.class, e -> {
            assertThat(e.code()).isEqualTo("CATEGORY_IN_USE");
            assertThat(e.args()).containsExactly("B", "2");
        });
        assertThat(recorded).hasValue(0);
        assertThat(office.engine.config()).isEqualTo(office.config);
    }

    @Test
    void settingsForAnotherOffice_areRefused() {
        OfficeConfig other = office.config.withOffice("another-office", office.config.databasePath());

        assertThatThrownBy(() -> apply(other)).isInstanceOfSatisfying(SettingsRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("OTHER_OFFICE"));
        assertThat(recorded).hasValue(0);
    }

    @Test
    void appliedSettings_reachTheBoardsInTheNextSnapshot() {
        AtomicReference<StateSnapshot> latest = new AtomicReference<>();
        try (Subscription s = office.engine.onSnapshot(latest::set)) {
            Await.until("a first snapshot", Duration.ofSeconds(10), () -> latest.get() != null);
            List<CategoryConfig> renamed = office.config.categories().stream()
                    .map(c -> c.code().equals("A") ? new CategoryConfig("A", "水費", c.nameEn(), c.priority(), c.serviceMinutes()) : c)
                    .toList();
            OfficeConfig next = office.config.withFleet(renamed, office.config.counters(), office.config.starvationCeiling(),
                    office.config.hours());

            assertThat(apply(next)).isNull();

            Await.until("the new name in the snapshot", Duration.ofSeconds(10), () -> latest.get().categories().stream()
                    .anyMatch(c -> c.code().equals("A") && c.nameZh().equals("水費")));
        }
    }
}
