package tw.jiaohao.hub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.store.OfficeProgress;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.hub.testing.TestClient;
import tw.jiaohao.hub.web.WebClient;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.Rating;

/**
 * A few months of synthetic events for several offices go through a real broker into a running
 * hub; every figure the dashboard's API answers (all offices today; one office over a range:
 * per category, per counter, by hour, weekday × hour, waiting-time distribution, category
 * mix) is compared with an independent plain computation from the raw events: counts
 * exactly, times within 1 s. On the SQLite file here; {@link StatisticsPostgresIT} runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsIT {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final List<String> OFFICES = List.of("taipei-1", "taichung-2", "kaohsiung-3");
    private static final int DAYS = 75;
    private static final long TARGET_SECONDS = 15 * 60;

    private Hub hub;
    private WebClient web;
    private final Map<String, List<OfficeEvent>> events = new java.util.HashMap<>();
    private LocalDate today;
    private LocalDate first;

    /** The hub's database keys: none here (the SQLite file under the test's folder). */
    protected Map<String, String> database() {
        return Map.of();
    }

    /** Called after the hub has stopped. */
    protected void dropDatabase() {
    }

    @BeforeAll
    void loadMonthsOfEvents(@TempDir Path dir) throws Exception {
        Map<String, String> keys = new java.util.HashMap<>(database());
        keys.put("broker.embedded.port", "0");
        hub = Hub.start(HubFixture.config(dir, "", "stats-it", keys), Clock.systemUTC());
        today = LocalDate.now(TAIPEI);
        first = today.minusDays(DAYS - 1);
        try (TestClient office = new TestClient(hub.brokerUrl(), "stats-it-offices")) {
            long seed = 7;
            for (String o : OFFICES) {
                SyntheticOffice sim = new SyntheticOffice(o, seed++);
                List<OfficeEvent> all = new ArrayList<>();
                for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
                    all.addAll(sim.day(d, 25 + (int) (seed * 3 + d.getDayOfMonth()) % 20));
                }
                if (o.equals("taipei-1")) {
                    lateCustomer(all, o);
                }
                events.put(o, all);
                office.publishEvents(all);
            }
        }
        Poll.until(Duration.ofSeconds(120), "every event stored", () -> OFFICES.stream().allMatch(o -> {
            long last = events.get(o).get(events.get(o).size() - 1).seq();
            return hub.store().progress(o).map(OfficeProgress::contiguousSeq).orElse(0L) == last;
        }));
        hub.dashboard().auth().createUser(new User("boss", Role.HEAD_OFFICE, null), "boss-password-1".toCharArray());
        web = new WebClient(hub.apiUrl());
        assertThat(web.login("boss", "boss-password-1")).isEqualTo(200);
    }

    /**
     * A ticket issued at 23:50 local time on the last day of the first month, called and served
     * after local midnight (16:00 UTC): all of it counts on the issue's office-day, in that month.
     */
    private void lateCustomer(List<OfficeEvent> all, String office) {
        LocalDate monthEnd = first.withDayOfMonth(1).plusMonths(1).minusDays(1);
        java.time.Instant issued = monthEnd.atTime(23, 50).atZone(TAIPEI).toInstant();
        SyntheticOffice.Builder late = new SyntheticOffice.Builder(office, monthEnd, TicketId.of(monthEnd, "A900"), "A900", "A", issued);
        long seq = all.get(all.size() - 1).seq();
        all.add(late.type(EventType.TICKET_ISSUED).at(issued).ahead(0, 0).build(++seq));
        all.add(late.type(EventType.TICKET_CALLED).at(issued.plusSeconds(1200)).counter(1).build(++seq));
        all.add(late.type(EventType.SERVICE_STARTED).at(issued.plusSeconds(1230)).counter(1).build(++seq));
        all.add(late.type(EventType.SERVICE_FINISHED).at(issued.plusSeconds(1800)).counter(1).build(++seq));
        all.add(late.type(EventType.RATING_RECORDED).at(issued.plusSeconds(1805)).counter(1).rating(Rating.SATISFIED).build(++seq));
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
        dropDatabase();
    }

    @Test
    void wholePeriod_everyFigureMatchesTheRawEvents() throws Exception {
        for (String o : OFFICES) {
            check(o, first, today);
        }
    }

    @Test
    void oneMonthAndOneDay_everyFigureMatchesTheRawEvents() throws Exception {
        check("taichung-2", first.plusDays(20), first.plusDays(50));
        check("kaohsiung-3", first.plusDays(33), first.plusDays(33));
    }

    /**
     * Ranges that merge whole calendar months (the month rollups) with partial months at their
     * ends, in Asia/Taipei office-days: a whole month; mid-month to mid-month across it; whole
     * months up to today (ending mid-month); the last day of a month and the first of the next.
     */
    @Test
    void rangesAcrossMonthBoundaries_everyFigureMatchesTheRawEvents() throws Exception {
        LocalDate wholeMonth = first.withDayOfMonth(1).plusMonths(1);
        LocalDate wholeMonthEnd = wholeMonth.plusMonths(1).minusDays(1);
        assertThat(wholeMonthEnd.plusDays(10)).as("the 75 days hold a whole month and 10 days after it").isBeforeOrEqualTo(today);
        check("taipei-1", wholeMonth, wholeMonthEnd);
        check("taichung-2", wholeMonth.minusDays(5), wholeMonthEnd.plusDays(10));
        check("kaohsiung-3", wholeMonth, today);
        check("taipei-1", first, wholeMonthEnd.plusDays(3));
        check("taipei-1", wholeMonth.minusDays(1), wholeMonth);
        IndependentFigures.Result monthEnd = IndependentFigures.of(events.get("taipei-1"), wholeMonth.minusDays(1), wholeMonth.minusDays(1), TAIPEI);
        assertThat(monthEnd.hours[23]).as("the 23:50 ticket counts on its issue day").isEqualTo(1);
    }

    /** "How long did people who came between 14:00 and 15:00 wait?" for any range, from the API and its CSV. */
    @Test
    void waitingTimeByHourOfDay_forAnyRangeAndHours_matchesTheRawEvents() throws Exception {
        checkHours("taipei-1", first, today, 0, 24);
        checkHours("taichung-2", first.plusDays(20), first.plusDays(50), 14, 15);
        checkHours("kaohsiung-3", first.plusDays(33), first.plusDays(40), 9, 12);
        LocalDate monthEnd = first.withDayOfMonth(1).plusMonths(1).minusDays(1);
        WaitsByHour late = checkHours("taipei-1", monthEnd, monthEnd, 23, 24);
        assertThat(late.total().waited()).as("the 23:50 customer, called after midnight, counts in 23:00-24:00 of the issue day").isEqualTo(1);
        assertThat(late.total().meanSeconds()).isEqualTo(1200.0);

        String csv = web.get("/export/offices/taichung-2/waits-by-hour.csv?from=" + first.plusDays(20) + "&to=" + first.plusDays(50)
                + "&hours=14-15").body();
        WaitsByHour json = web.getJson("/api/dashboard/offices/taichung-2/waits-by-hour?from=" + first.plusDays(20) + "&to="
                + first.plusDays(50) + "&hours=14-15", WaitsByHour.class);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("14," + json.hours().get(0).waited() + ",");
        assertThat(web.get("/api/dashboard/offices/taipei-1/waits-by-hour?hours=15-14").statusCode()).isEqualTo(400);
        assertThat(web.get("/api/dashboard/offices/taipei-1/waits-by-hour?hours=afternoon").statusCode()).isEqualTo(400);
    }

    private WaitsByHour checkHours(String office, LocalDate from, LocalDate to, int fromHour, int toHour) throws Exception {
        WaitsByHour w = web.getJson("/api/dashboard/offices/" + office + "/waits-by-hour?from=" + from + "&to=" + to
                + "&hours=" + fromHour + "-" + toHour, WaitsByHour.class);
        IndependentFigures.Result ref = IndependentFigures.of(events.get(office), from, to, TAIPEI);
        assertThat(w.hours()).extracting(WaitsByHour.Hour::hour)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(fromHour, toHour).boxed().toList());
        IndependentFigures all = new IndependentFigures();
        for (WaitsByHour.Hour h : w.hours()) {
            IndependentFigures r = ref.waitsByIssueHour.getOrDefault(h.hour(), new IndependentFigures());
            all.waitsMillis.addAll(r.waitsMillis);
            compareHour(office + " " + from + ".." + to + " hour " + h.hour(), h, r);
        }
        compareHour(office + " " + from + ".." + to + " hours " + fromHour + "-" + toHour, w.total(), all);
        assertThat(w.total().waited()).as("customers waited in " + fromHour + "-" + toHour).isPositive();
        return w;
    }

    private static void compareHour(String what, WaitsByHour.Hour h, IndependentFigures ref) {
        assertThat(h.waited()).as(what + " waited").isEqualTo(ref.waitsMillis.size());
        assertThat(h.withinTarget()).as(what + " within target").isEqualTo(ref.withinTarget(TARGET_SECONDS));
        if (ref.waitsMillis.isEmpty()) {
            assertThat(h.meanSeconds()).as(what + " mean").isNull();
            assertThat(h.p90Seconds()).as(what + " p90").isNull();
            return;
        }
        assertThat(h.meanSeconds()).as(what + " mean").isCloseTo(ref.waitMeanSeconds(), within(1e-6));
        assertThat(h.p90Seconds()).as(what + " p90").isEqualTo(ref.waitPercentileSeconds(0.9));
        assertThat(h.withinTargetShare()).as(what + " share").isCloseTo((double) ref.withinTarget(TARGET_SECONDS) / ref.waitsMillis.size(),
                within(1e-12));
    }

    /** Busy and idle time per counter (from call to each customer's end; idle between customers), from the API and its CSV. */
    @Test
    void countersBusyAndIdleTime_forAnyRange_matchTheRawEvents() throws Exception {
        checkCounterTime("taipei-1", first, today);
        checkCounterTime("taichung-2", first.plusDays(20), first.plusDays(50));
        checkCounterTime("kaohsiung-3", first.plusDays(33), first.plusDays(33));
        String q = "?from=" + first.plusDays(20) + "&to=" + first.plusDays(50);
        CounterTime json = web.getJson("/api/dashboard/offices/taichung-2/counter-time" + q, CounterTime.class);
        String csv = web.get("/export/offices/taichung-2/counter-time.csv" + q).body();
        CounterTime.Row c = json.counters().get(0);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .startsWith(c.counter() + "," + c.label() + "," + c.customers() + "," + c.days() + ",");
        assertThat(web.get("/api/dashboard/offices/taipei-1/counter-time?from=" + today + "&to=" + first).statusCode()).isEqualTo(400);
    }

    private void checkCounterTime(String office, LocalDate from, LocalDate to) throws Exception {
        CounterTime t = web.getJson("/api/dashboard/offices/" + office + "/counter-time?from=" + from + "&to=" + to, CounterTime.class);
        Map<Integer, long[]> ref = IndependentFigures.counterTime(events.get(office), from, to);
        String what = office + " " + from + ".." + to;
        assertThat(t.counters()).extracting(CounterTime.Row::counter).as(what + " counters").containsExactlyElementsOf(ref.keySet());
        long idleAll = 0;
        for (CounterTime.Row row : t.counters()) {
            long[] r = ref.get(row.counter());
            String w = what + " counter " + row.counter();
            assertThat(row.customers()).as(w + " customers").isEqualTo(r[0]);
            assertThat(row.days()).as(w + " days").isEqualTo(r[1]);
            assertThat(row.spanSeconds()).as(w + " span").isCloseTo(r[2] / 1000.0, within(1e-6));
            assertThat(row.idleSeconds()).as(w + " idle").isCloseTo(r[3] / 1000.0, within(1e-6));
            assertThat(row.busySeconds()).as(w + " busy").isCloseTo((r[2] - r[3]) / 1000.0, within(1e-6));
            assertThat(row.gaps()).as(w + " gaps").isEqualTo(r[4]);
            if (r[4] > 0) {
                assertThat(row.gapMeanSeconds()).as(w + " mean gap").isCloseTo(r[3] / 1000.0 / r[4], within(1e-6));
            }
            if (r[2] > 0) {
                assertThat(row.idleShare()).as(w + " idle share").isCloseTo((double) r[3] / r[2], within(1e-12));
            }
            idleAll += r[3];
        }
        assertThat(t.counters()).as(what + " counters with customers").isNotEmpty();
        if (!from.equals(to)) {
            assertThat(idleAll).as(what + " the counters sat idle at some point").isPositive();
        }
    }

    /** Head office puts two offices in one district: each office page compares with both together; an office in none answers 404. */
    @Test
    void anOfficeAgainstItsDistrict_bothSidesMatchTheRawEvents() throws Exception {
        User boss = new User("boss", Role.HEAD_OFFICE, null);
        hub.dashboard().districts().assign(boss, "taipei-1", "北區");
        hub.dashboard().districts().assign(boss, "taichung-2", "北區");
        try {
            LocalDate from = first.plusDays(10);
            LocalDate to = first.plusDays(40);
            IndependentFigures district = IndependentFigures.total(events, List.of("taipei-1", "taichung-2"), from, to, TAIPEI);
            for (String office : List.of("taipei-1", "taichung-2")) {
                DistrictComparison d = web.getJson("/api/dashboard/offices/" + office + "/district?from=" + from + "&to=" + to,
                        DistrictComparison.class);
                assertThat(d.district()).isEqualTo("北區");
                assertThat(d.districtOffices()).containsExactly("taichung-2", "taipei-1");
                compare(office + " itself", d.officeFigures(), IndependentFigures.of(events.get(office), from, to, TAIPEI).total);
                compare(office + "'s district", d.districtFigures(), district);
            }
            assertThat(web.get("/api/dashboard/offices/kaohsiung-3/district").statusCode()).as("an office in no district").isEqualTo(404);
        } finally {
            hub.dashboard().districts().assign(boss, "taipei-1", "");
            hub.dashboard().districts().assign(boss, "taichung-2", "");
        }
    }

    /**
     * The network comparison: every office, its district and the network, this period and the
     * equally long one before it, each equal to the raw events of those offices and days; an
     * office manager gets their own office with its district and the network, nothing of the others'.
     */
    @Test
    void theNetworkComparison_everyRowAndBothPeriodsMatchTheRawEvents_andAManagerSeesOnlyTheirOfficeAndTheTotals() throws Exception {
        User boss = new User("boss", Role.HEAD_OFFICE, null);
        hub.dashboard().districts().assign(boss, "taipei-1", "北區");
        hub.dashboard().districts().assign(boss, "taichung-2", "北區");
        try {
            LocalDate from = first.plusDays(40);
            LocalDate to = first.plusDays(59);
            NetworkComparison c = web.getJson("/api/dashboard/compare?from=" + from + "&to=" + to, NetworkComparison.class);
            assertThat(c.previousFrom()).isEqualTo(from.minusDays(20));
            assertThat(c.previousTo()).isEqualTo(from.minusDays(1));
            assertThat(c.rows()).extracting(NetworkComparison.Row::key).containsExactly("kaohsiung-3", "taichung-2", "taipei-1", "北區", "network");
            Map<String, List<String>> members = Map.of("北區", List.of("taichung-2", "taipei-1"), "network", OFFICES);
            for (NetworkComparison.Row r : c.rows()) {
                List<String> offices = r.kind() == NetworkComparison.Kind.OFFICE ? List.of(r.key()) : members.get(r.key());
                assertThat(r.offices()).as(r.key() + " offices").isEqualTo(offices.size());
                IndependentFigures now = IndependentFigures.total(events, offices, from, to, TAIPEI);
                IndependentFigures before = IndependentFigures.total(events, offices, c.previousFrom(), c.previousTo(), TAIPEI);
                assertThat(now.tickets).as("the data covers " + r.key()).isPositive();
                compare(r.key() + " this period", r.now(), now);
                compare(r.key() + " the period before", r.before(), before);
            }
            assertThat(c.rows().get(2).district()).isEqualTo("北區");
            assertThat(c.rows().get(0).district()).isNull();

            hub.dashboard().auth().createUser(new User("mgr-stats", Role.OFFICE_MANAGER, "taichung-2"), "manager-password-1".toCharArray());
            WebClient mgr = new WebClient(hub.apiUrl());
            assertThat(mgr.login("mgr-stats", "manager-password-1")).isEqualTo(200);
            NetworkComparison mine = mgr.getJson("/api/dashboard/compare?from=" + from + "&to=" + to, NetworkComparison.class);
            assertThat(mine.rows()).extracting(NetworkComparison.Row::key).containsExactly("taichung-2", "北區", "network");
            assertThat(mine.rows()).containsExactly(c.rows().get(1), c.rows().get(3), c.rows().get(4));
            assertThat(mgr.get("/compare/comparison.csv?from=" + from + "&to=" + to).body()).contains("taichung-2").doesNotContain("taipei-1", "kaohsiung-3");
        } finally {
            hub.dashboard().districts().assign(boss, "taipei-1", "");
            hub.dashboard().districts().assign(boss, "taichung-2", "");
        }
    }

    @Test
    void allOfficesToday_matchesTheRawEventsOfToday() throws Exception {
        OfficeToday[] rows = web.getJson("/api/dashboard/offices", OfficeToday[].class);
        assertThat(rows).extracting(OfficeToday::office).containsExactlyInAnyOrderElementsOf(OFFICES);
        for (OfficeToday row : rows) {
            IndependentFigures ref = IndependentFigures.of(events.get(row.office()), today, today, TAIPEI).total;
            assertThat(row.day()).isEqualTo(today);
            assertThat(row.ticketsToday()).isEqualTo(ref.tickets);
            assertThat(row.waitMean()).isCloseTo(ref.waitMeanSeconds(), within(1.0));
            assertThat(row.waitP90()).isCloseTo(ref.waitPercentileSeconds(0.9), within(1.0));
            assertThat(row.withinTargetShare()).isCloseTo((double) ref.withinTarget(TARGET_SECONDS) / ref.waitsMillis.size(), within(1e-9));
            assertThat(row.ratings()).isEqualTo(ref.ratingCount());
            assertThat(row.ratingMean()).isCloseTo(ref.ratingMean(), within(1e-9));
        }
    }

    @Test
    void thisWeekAgainstLastWeek_bothSidesMatchTheRawEventsOfTheirDays() throws Exception {
        for (String office : OFFICES) {
            WeekOverWeek w = web.getJson("/api/dashboard/offices/" + office + "/week-over-week", WeekOverWeek.class);
            LocalDate monday = today.with(java.time.DayOfWeek.MONDAY);
            assertThat(w.from()).isEqualTo(monday);
            assertThat(w.to()).isEqualTo(today);
            assertThat(w.lastFrom()).isEqualTo(monday.minusDays(7));
            assertThat(w.lastTo()).isEqualTo(today.minusDays(7));
            IndependentFigures now = IndependentFigures.of(events.get(office), monday, today, TAIPEI).total;
            IndependentFigures before = IndependentFigures.of(events.get(office), monday.minusDays(7), today.minusDays(7), TAIPEI).total;
            assertThat(now.tickets + before.tickets).as("the data covers both weeks").isGreaterThan(0);
            compare(office + " this week", w.thisWeek(), now);
            compare(office + " last week", w.lastWeek(), before);
        }
    }

    private void check(String office, LocalDate from, LocalDate to) throws Exception {
        RangeReport r = web.getJson("/api/dashboard/offices/" + office + "/report?from=" + from + "&to=" + to, RangeReport.class);
        IndependentFigures.Result ref = IndependentFigures.of(events.get(office), from, to, TAIPEI);
        assertThat(r.total().tickets()).as("tickets issued").isGreaterThan(0);
        compare(office + " all", r.total(), ref.total);
        assertThat(r.byCategory()).extracting(RangeReport.Row::key).containsExactlyElementsOf(ref.byCategory.keySet());
        for (RangeReport.Row row : r.byCategory()) {
            compare(office + " category " + row.key(), row.figures(), ref.byCategory.get(row.key()));
        }
        assertThat(r.byCounter()).extracting(RangeReport.Row::key).containsExactlyElementsOf(ref.byCounter.keySet());
        for (RangeReport.Row row : r.byCounter()) {
            compare(office + " counter " + row.key(), row.figures(), ref.byCounter.get(row.key()));
        }
        assertThat(r.volumeByHour()).as("volume by hour").containsExactly(ref.hours);
        for (int d = 0; d < 7; d++) {
            assertThat(r.volumeByWeekdayHour()[d]).as("weekday " + (d + 1)).containsExactly(ref.heat[d]);
        }
        assertThat(r.waitHistogramMinutes()).as("waiting-time histogram").containsExactly(ref.total.perMinute());
        for (RangeReport.Share s : r.categoryMix()) {
            long n = ref.byCategory.get(s.category()).tickets;
            assertThat(s.tickets()).isEqualTo(n);
            assertThat(s.share()).isCloseTo((double) n / ref.total.tickets, within(1e-12));
        }
    }

    private static void compare(String what, Figures f, IndependentFigures ref) {
        assertThat(f.tickets()).as(what + " tickets").isEqualTo(ref.tickets);
        assertThat(f.transfersIn()).as(what + " transfers in").isEqualTo(ref.transfersIn);
        assertThat(f.transfersOut()).as(what + " transfers out").isEqualTo(ref.transfersOut);
        assertThat(f.called()).as(what + " called").isEqualTo(ref.waitsMillis.size());
        assertThat(f.noShows()).as(what + " no-shows").isEqualTo(ref.noShows);
        assertThat(f.recalls()).as(what + " recalls").isEqualTo(ref.recalls);
        assertThat(f.cancelled()).as(what + " cancelled").isEqualTo(ref.cancelled);
        assertThat(f.served()).as(what + " served").isEqualTo(ref.servicesMillis.size());
        assertThat(f.withinTarget()).as(what + " within target").isEqualTo(ref.withinTarget(TARGET_SECONDS));
        assertThat(f.ratings()).as(what + " ratings").isEqualTo(ref.ratingCount());
        for (Rating rating : Rating.values()) {
            assertThat(f.ratingCounts().get(rating.name())).as(what + " " + rating).isEqualTo(ref.ratings.getOrDefault(rating, 0L));
        }
        if (ref.waitsMillis.isEmpty()) {
            assertThat(f.waitMean()).as(what + " wait mean").isNull();
        } else {
            assertThat(f.waitMean()).as(what + " wait mean").isCloseTo(ref.waitMeanSeconds(), within(1.0));
            assertThat(f.waitP50()).as(what + " wait p50").isCloseTo(ref.waitPercentileSeconds(0.5), within(1.0));
            assertThat(f.waitP90()).as(what + " wait p90").isCloseTo(ref.waitPercentileSeconds(0.9), within(1.0));
            assertThat(f.waitMax()).as(what + " wait max").isCloseTo(ref.waitMaxSeconds(), within(1.0));
            assertThat(f.noShowRate()).as(what + " no-show rate").isCloseTo((double) ref.noShows / ref.waitsMillis.size(), within(1e-12));
        }
        if (ref.servicesMillis.isEmpty()) {
            assertThat(f.serviceMean()).as(what + " service mean").isNull();
        } else {
            assertThat(f.serviceMean()).as(what + " service mean").isCloseTo(ref.serviceMeanSeconds(), within(1.0));
        }
        if (ref.ratingCount() > 0) {
            assertThat(f.ratingMean()).as(what + " rating mean").isCloseTo(ref.ratingMean(), within(1e-9));
        }
    }
}
