package tw.jiaohao.hub.staffing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tw.jiaohao.forecast.staffing.ArrivalForecast;
import tw.jiaohao.forecast.staffing.ArrivalForecaster;
import tw.jiaohao.forecast.staffing.OfficeCalendar;
import tw.jiaohao.forecast.staffing.Outlook;
import tw.jiaohao.forecast.staffing.Plan;
import tw.jiaohao.forecast.staffing.StaffingEngine;
import tw.jiaohao.forecast.staffing.Target;
import tw.jiaohao.forecast.staffing.Words;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * Staffing advice and what-if for an office and a date, from its stored tickets
 * ({@link TicketHistory}) and its latest state (counters and profiles), with the pure engine
 * ({@link StaffingEngine}); the wait target is the office's ({@link StaffingConfig}).
 *
 * <p>Thread-safe: every call builds its own engine (the engine is not thread-safe). A call
 * takes up to about a second of CPU (the engine's search over simulated days). An office with
 * no state yet, no history or a date it does not work answers {@link Unavailable}.
 */
public final class StaffingService {
    private final TicketHistory history;
    private final Function<String, Optional<StateSnapshot>> states;
    private final StaffingConfig config;
    private final ZoneId zone;
    private final Clock clock;

    /** The office's hours as head office set them (closure and extra working dates), if any. */
    private final Function<String, Optional<OfficeSettings.Hours>> hours;
    /** Advice recomputed at most every {@link #ADVICE_FRESH}: the page, its JSON and the CSV ask for the same. */
    private final Map<String, Cached> advice = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > ADVICE_CACHE_SIZE;
        }
    };
    static final Duration ADVICE_FRESH = Duration.ofMinutes(5);
    static final int ADVICE_CACHE_SIZE = 256;

    private record Cached(Instant at, StaffingInputs inputs, StaffingEngine.Advice advice) {
    }

    public StaffingService(TicketHistory history, Function<String, Optional<StateSnapshot>> states, StaffingConfig config,
                           ZoneId zone, Clock clock) {
        this(history, states, office -> Optional.empty(), config, zone, clock);
    }

    public StaffingService(TicketHistory history, Function<String, Optional<StateSnapshot>> states,
                           Function<String, Optional<OfficeSettings.Hours>> hours, StaffingConfig config, ZoneId zone, Clock clock) {
        this.history = history;
        this.states = states;
        this.hours = hours;
        this.config = config;
        this.zone = zone;
        this.clock = clock;
    }

    /** Why there is no advice: {@code reason} is an i18n key of the pages ({@code staffing.none.*}). */
    public static final class Unavailable extends RuntimeException {
        private final String reason;

        Unavailable(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public StaffingConfig config() {
        return config;
    }

    /** The office's current office-day (the default date of the pages). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The engine's inputs for advising {@code office} on {@code date}: the history up to the day before. */
    public StaffingInputs inputs(String office, LocalDate date) {
        StateSnapshot state = states.apply(office).orElseThrow(() -> new Unavailable("noState",
                "the hub has no state of office " + office + " yet (its counters are not known)"));
        long to = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long from = date.minusWeeks(config.historyWeeks()).atStartOfDay(zone).toInstant().toEpochMilli();
        StaffingInputs in = StaffingInputs.of(history.tickets(office, from, to), state, zone, config.starvationMinutes())
                .orElseThrow(() -> new Unavailable("noHistory", "office " + office + " has no stored tickets in the "
                        + config.historyWeeks() + " weeks before " + date));
        return hours.apply(office).map(h -> new StaffingInputs(in.office(), calendar(in.calendar(), h), in.history(), in.model(),
                in.skipped())).orElse(in);
    }

    /**
     * The office's calendar with head office's dates: a closure date is no working day (neither
     * in the history nor ahead); an extra working date (a make-up Saturday) works as the weekday
     * of the nearest closure date on a weekday the office works, the bridge day it makes up for
     * (without one it keeps its own weekday).
     */
    static OfficeCalendar calendar(OfficeCalendar learned, OfficeSettings.Hours h) {
        Map<LocalDate, java.time.DayOfWeek> makeUp = new HashMap<>();
        for (LocalDate extra : h.extraDates()) {
            if (h.closedDates().contains(extra)) {
                continue;
            }
            h.closedDates().stream().filter(c -> learned.workingWeekdays().contains(c.getDayOfWeek()))
                    .min(java.util.Comparator.comparingLong((LocalDate c) -> Math.abs(c.toEpochDay() - extra.toEpochDay()))
                            .thenComparing(c -> c))
                    .ifPresent(c -> makeUp.put(extra, c.getDayOfWeek()));
        }
        return new OfficeCalendar(learned.workingWeekdays(), Set.copyOf(h.closedDates()), makeUp);
    }

    private ArrivalForecast forecast(StaffingInputs in, LocalDate date) {
        return ArrivalForecaster.forecast(in.office().categories(), in.history(), in.calendar(), date)
                .orElseThrow(() -> new Unavailable("closed", "the office had no tickets on a " + date.getDayOfWeek()
                        + " in the history, so " + date + " is not a working day"));
    }

    /** One hour of advice or what-if, with the words in both languages. */
    public record Hour(int hour, int counters, List<Integer> numbers, double ticketsExpected, Double shareWithin,
                       Double p50Minutes, Double p90Minutes, Integer erlangCounters) {
    }

    /** A line of the advice in words: consecutive hours with the same counters. */
    public record Line(int fromHour, int toHour, String zh, String en) {
    }

    /**
     * The result for one office and day.
     *
     * @param dayShareWithin    share of the day's customers called within the target (pooled over simulated days)
     * @param daysMeetingTarget share of simulated days meeting the target
     * @param unreachableHours  hours no number of counters makes meet the target
     */
    public record Result(String office, LocalDate date, int targetPercent, double targetMinutes, List<Hour> hours, List<Line> lines,
                         double dayShareWithin, double daysMeetingTarget, int simulatedDays, List<Integer> unreachableHours,
                         int counterCount) {
    }

    /** The advice for {@code office} on {@code date}. */
    public Result advise(String office, LocalDate date) {
        StaffingEngine.Advice a = cachedAdvice(office, date).advice();
        return result(office, date, a.target(), a.plan(), a.outlook(), a.erlang(), a.unreachableHours());
    }

    /**
     * The advice as computed at most {@link #ADVICE_FRESH} ago for the same office, date and
     * target (the search takes up to a second of CPU; the page, its JSON and CSV ask alike).
     */
    private Cached cachedAdvice(String office, LocalDate date) {
        Target target = config.target(office);
        String key = office + "|" + date + "|" + target.percent() + "/" + target.minutes();
        Instant now = clock.instant();
        synchronized (advice) {
            Cached c = advice.get(key);
            if (c != null && c.at().plus(ADVICE_FRESH).isAfter(now)) {
                return c;
            }
        }
        StaffingInputs in = inputs(office, date);
        ArrivalForecast f = forecast(in, date);
        Cached fresh = new Cached(now, in, new StaffingEngine(in.office(), in.model()).advise(f, target));
        synchronized (advice) {
            advice.put(key, fresh);
        }
        return fresh;
    }

    /** The what-if: {@code countsPerHour} counters open from the office's first hour on (one number per hour). */
    public Result whatIf(String office, LocalDate date, int[] countsPerHour) {
        StaffingInputs in = inputs(office, date);
        ArrivalForecast f = forecast(in, date);
        if (countsPerHour.length != in.office().hours()) {
            throw new IllegalArgumentException("give " + in.office().hours() + " numbers of counters, one per hour from "
                    + in.office().firstHour() + ":00 to " + in.office().lastHour() + ":00; got " + countsPerHour.length);
        }
        StaffingEngine engine = new StaffingEngine(in.office(), in.model());
        Plan plan = engine.planFromCounts(f, countsPerHour);
        Target target = config.target(office);
        Outlook o = engine.whatIf(plan, f, target);
        return result(office, date, target, plan, o, null, List.of());
    }

    /** The advice as CSV (the engine's {@code StaffingCsv} rows). */
    public String adviceCsv(String office, LocalDate date, Locale locale) {
        return tw.jiaohao.forecast.staffing.StaffingCsv.advice(cachedAdvice(office, date).advice(), locale);
    }

    /** The what-if as CSV (the engine's {@code StaffingCsv} rows). */
    public String whatIfCsv(String office, LocalDate date, int[] countsPerHour, Locale locale) {
        StaffingInputs in = inputs(office, date);
        ArrivalForecast f = forecast(in, date);
        if (countsPerHour.length != in.office().hours()) {
            throw new IllegalArgumentException("give " + in.office().hours() + " numbers of counters, one per hour from "
                    + in.office().firstHour() + ":00 to " + in.office().lastHour() + ":00; got " + countsPerHour.length);
        }
        StaffingEngine engine = new StaffingEngine(in.office(), in.model());
        Plan plan = engine.planFromCounts(f, countsPerHour);
        return tw.jiaohao.forecast.staffing.StaffingCsv.whatIf(date.toString(), plan, engine.whatIf(plan, f, config.target(office)), locale);
    }

    private static Result result(String office, LocalDate date, Target target, Plan plan, Outlook o, Plan erlang,
                                 List<Integer> unreachable) {
        List<Hour> hours = new ArrayList<>();
        for (Outlook.Hour h : o.hours()) {
            hours.add(new Hour(h.hour(), plan.count(h.hour()), plan.numbers(h.hour()), h.tickets(), num(h.shareWithin()),
                    num(h.p50Minutes()), num(h.p90Minutes()), erlang == null ? null : erlang.count(h.hour())));
        }
        List<Words.Line> zh = Words.lines(plan, Locale.TRADITIONAL_CHINESE);
        List<Words.Line> en = Words.lines(plan, Locale.ENGLISH);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < zh.size(); i++) {
            lines.add(new Line(zh.get(i).fromHour(), zh.get(i).toHour(), zh.get(i).text(), en.get(i).text()));
        }
        return new Result(office, date, target.percent(), target.minutes(), hours, lines, o.dayShareWithin(), o.daysMeetingTarget(),
                o.days(), unreachable, plan.office().counters().size());
    }

    private static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
