package tw.jiaohao.forecast.staffing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which dates an office works and as which weekday: closure dates and holidays are not working
 * days; a make-up working day (Taiwan's 補班 Saturdays) counts as the weekday it replaces;
 * every other date counts as its own weekday when that weekday is in {@code workingWeekdays}.
 */
public record OfficeCalendar(Set<DayOfWeek> workingWeekdays, Set<LocalDate> closures, Map<LocalDate, DayOfWeek> makeUpDays) {
    public static final Set<DayOfWeek> MONDAY_TO_FRIDAY = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    public OfficeCalendar {
        workingWeekdays = Set.copyOf(workingWeekdays);
        closures = Set.copyOf(closures);
        makeUpDays = Map.copyOf(makeUpDays);
        for (LocalDate d : makeUpDays.keySet()) {
            if (closures.contains(d)) {
                throw new IllegalArgumentException(d + " is both a closure and a make-up working day");
            }
        }
    }

    /** The weekday the date works as, or empty when the office is closed that day. */
    public Optional<DayOfWeek> worksAs(LocalDate date) {
        if (closures.contains(date)) {
            return Optional.empty();
        }
        DayOfWeek made = makeUpDays.get(date);
        if (made != null) {
            return Optional.of(made);
        }
        return workingWeekdays.contains(date.getDayOfWeek()) ? Optional.of(date.getDayOfWeek()) : Optional.empty();
    }
}
