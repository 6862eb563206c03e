package tw.jiaohao.office.fleet;

import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.protocol.settings.OfficeSettings;

/** Head office's settings as the office file's keys, so the node validates them exactly as it validates its file. */
final class SettingsProperties {
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private SettingsProperties() {
    }

    static Properties of(OfficeSettings s) {
        Properties p = new Properties();
        p.setProperty("categories", s.categories().stream().map(OfficeSettings.Category::code).collect(Collectors.joining(",")));
        for (OfficeSettings.Category c : s.categories()) {
            String k = "category." + c.code() + ".";
            p.setProperty(k + "name.zh", c.nameZh());
            p.setProperty(k + "name.en", c.nameEn());
            p.setProperty(k + "priority", String.valueOf(c.priority()));
            p.setProperty(k + "service-minutes", String.valueOf(c.serviceMinutes()));
            if (c.lastTicketMinutes() != null) {
                p.setProperty(k + "last-ticket-minutes", String.valueOf(c.lastTicketMinutes()));
            }
            if (c.lastTicketByCapacity() != null) {
                p.setProperty(k + "last-ticket-by-capacity", String.valueOf(c.lastTicketByCapacity()));
            }
        }
        p.setProperty("counters", s.counters().stream().map(c -> String.valueOf(c.number())).collect(Collectors.joining(",")));
        for (OfficeSettings.Counter c : s.counters()) {
            p.setProperty("counter." + c.number() + ".name", c.name());
            p.setProperty("counter." + c.number() + ".serves", String.join(",", c.serves()));
        }
        OfficeSettings.Hours h = s.hours();
        for (int i = 0; i < 7; i++) {
            p.setProperty("hours." + DAYS[i], h.week().get(i));
        }
        p.setProperty("hours.lunch", h.lunch());
        p.setProperty("hours.lunch-counters", h.lunchCounters().stream().map(String::valueOf).collect(Collectors.joining(",")));
        p.setProperty("hours.closed-dates", dates(h.closedDates()));
        p.setProperty("hours.extra-dates", dates(h.extraDates()));
        p.setProperty("hours.extra-hours", h.extraHours());
        p.setProperty("hours.last-ticket-minutes", String.valueOf(h.lastTicketMinutes()));
        p.setProperty("hours.last-ticket-by-capacity", String.valueOf(h.lastTicketByCapacity()));
        p.setProperty("hours.closing-grace-minutes", String.valueOf(h.graceMinutes()));
        p.setProperty("queue.starvation-minutes", String.valueOf(s.starvationMinutes()));
        return p;
    }

    /** {@code base} with {@code s} in force; throws {@link tw.jiaohao.office.config.ConfigException} naming the key. */
    static OfficeConfig apply(OfficeConfig base, OfficeSettings s) {
        return OfficeConfigLoader.withFleetSettings(base, of(s));
    }

    private static String dates(List<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).collect(Collectors.joining(","));
    }
}
