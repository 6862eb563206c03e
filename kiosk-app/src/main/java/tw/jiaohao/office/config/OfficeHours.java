package tw.jiaohao.office.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When the office issues tickets (docs/office-node/CONFIG.md, {@code hours.*}): opening and
 * closing per weekday, an optional lunch break during which some counters rest, closure dates
 * (holidays) and extra working dates (Taiwan's make-up Saturdays), and the day's last ticket per
 * category — a fixed number of minutes before closing and/or when the estimate's upper bound
 * runs past closing plus a grace. All in office-local times; the caller turns the engine's
 * instant into one with the office's zone. With no weekday hours configured the office is open
 * around the clock (the behaviour before hours existed).
 *
 * @param week                  opening span per weekday; a missing day is closed
 * @param extraDayHours         the span of an extra working date
 * @param closedDates           dates closed whatever the weekday
 * @param extraDates            dates open whatever the weekday
 * @param lunch                 the lunch break, or null
 * @param lunchCounters         counters that rest during lunch (the others stay open)
 * @param lastTicketMinutes     per category: stop issuing this many minutes before closing (0 = until closing)
 * @param lastTicketByCapacity  categories that stop issuing when the estimate's upper bound passes closing + grace
 * @param graceMinutes          the grace after closing for the capacity rule
 */
public record OfficeHours(Map<DayOfWeek, Span> week, Span extraDayHours, Set<LocalDate> closedDates, Set<LocalDate> extraDates,
                          Span lunch, Set<Integer> lunchCounters, Map<String, Integer> lastTicketMinutes,
                          Set<String> lastTicketByCapacity, int graceMinutes) {

    /** No hours: always open, no lunch, no last-ticket rule. */
    public static final OfficeHours ALWAYS = new OfficeHours(Map.of(), new Span(LocalTime.of(8, 30), LocalTime.of(17, 0)),
            Set.of(), Set.of(), null, Set.of(), Map.of(), Set.of(), 0);

    /** An opening span within one local day, {@code from} inclusive, {@code to} exclusive. */
    public record Span(LocalTime from, LocalTime to) {
        public Span {
            if (from == null || to == null || !from.isBefore(to)) {
                throw new IllegalArgumentException("a span runs from an earlier to a later time of one day, e.g. 08:30-17:00");
            }
        }

        public boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }

        public static Span parse(String key, String text) {
            String[] parts = text.split("-");
            try {
                if (parts.length == 2) {
                    return new Span(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
                }
            } catch (RuntimeException e) {
                // the message below
            }
            throw new ConfigException(key, ConfigProblem.NOT_SPAN, text);
        }

        @Override
        public String toString() {
            return from + "-" + to;
        }
    }

    public OfficeHours {
        week = week.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(week));
        closedDates = Set.copyOf(closedDates);
        extraDates = Set.copyOf(extraDates);
        lunchCounters = Set.copyOf(lunchCounters);
        lastTicketMinutes = Map.copyOf(lastTicketMinutes);
        lastTicketByCapacity = Set.copyOf(lastTicketByCapacity);
        for (LocalDate d : closedDates) {
            if (extraDates.contains(d)) {
                throw new ConfigException("hours.extra-dates", ConfigProblem.EXTRA_DATE_CLOSED, d);
            }
        }
        if (graceMinutes < 0) {
            throw new ConfigException("hours.closing-grace-minutes", ConfigProblem.NUMBER_RANGE, 0, 240, graceMinutes);
        }
    }

    /** Whether any hours are configured (else the office is always open). */
    public boolean enforced() {
        return !week.isEmpty() || !extraDates.isEmpty();
    }

    /** The opening span of a date, or empty when the office is closed that day. */
    public Optional<Span> on(LocalDate date) {
        if (closedDates.contains(date)) {
            return Optional.empty();
        }
        if (extraDates.contains(date)) {
            return Optional.of(extraDayHours);
        }
        return Optional.ofNullable(week.get(date.getDayOfWeek()));
    }

    /** Whether tickets may be issued at local time {@code t} (lunch does not close the office). */
    public boolean isOpen(LocalDateTime t) {
        return !enforced() || on(t.toLocalDate()).map(s -> s.contains(t.toLocalTime())).orElse(false);
    }

    /** The next opening after {@code t} (within a year), or empty when none is configured. */
    public Optional<LocalDateTime> nextOpening(LocalDateTime t) {
        for (int i = 0; i <= 366; i++) {
            LocalDate d = t.toLocalDate().plusDays(i);
            Optional<Span> s = on(d);
            if (s.isPresent()) {
                LocalDateTime opens = d.atTime(s.get().from());
                if (opens.isAfter(t)) {
                    return Optional.of(opens);
                }
            }
        }
        return Optional.empty();
    }

    /** Today's closing time, when the office has hours today. */
    public Optional<LocalDateTime> closing(LocalDate date) {
        return enforced() ? on(date).map(s -> date.atTime(s.to())) : Optional.empty();
    }

    /** The last time a ticket of {@code category} may be issued on {@code date} by the fixed rule. */
    public Optional<LocalDateTime> lastTicket(String category, LocalDate date) {
        int minutes = lastTicketMinutes.getOrDefault(category, 0);
        return closing(date).map(c -> c.minusMinutes(minutes));
    }

    /** Whether the capacity rule applies to the category. */
    public boolean byCapacity(String category) {
        return lastTicketByCapacity.contains(category);
    }

    /** Whether a counter rests at local time {@code t} (lunch). */
    public boolean atLunch(int counter, LocalDateTime t) {
        return lunch != null && lunchCounters.contains(counter) && on(t.toLocalDate()).isPresent() && lunch.contains(t.toLocalTime());
    }

    /** The lunch break still ahead today for a counter, as minutes from {@code t}: {from, to}; null when none. */
    public double[] lunchAhead(int counter, LocalDateTime t) {
        if (lunch == null || !lunchCounters.contains(counter) || on(t.toLocalDate()).isEmpty()) {
            return null;
        }
        LocalDateTime from = t.toLocalDate().atTime(lunch.from());
        LocalDateTime to = t.toLocalDate().atTime(lunch.to());
        if (!t.isBefore(to)) {
            return null;
        }
        return new double[] {Math.max(0, Duration.between(t, from).getSeconds() / 60.0), Duration.between(t, to).getSeconds() / 60.0};
    }
}
