package tw.jiaohao.hub.estimates;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tw.jiaohao.hub.HubException;

/**
 * When an office's waiting estimates count as drifting (keys {@code estimates.drift.*} in the
 * hub's properties file, reference docs/hub/CONFIG.md). Over the office's last
 * {@code windowDays} office-days (today included), with at least {@code minTickets} called
 * tickets that carried an estimate: drifting when the range's coverage is outside
 * {@code [coverageMin, coverageMax]} or |bias| exceeds {@code maxBiasMinutes}. Fewer tickets
 * decide nothing (an open alert stays open, none is raised).
 *
 * @param checkEvery how often every office is checked ({@code estimates.drift.check-minutes})
 */
public record DriftSettings(int windowDays, int minTickets, double coverageMin, double coverageMax, double maxBiasMinutes,
                            Duration checkEvery) {

    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("estimates.drift.window-days", "7");
        d.put("estimates.drift.min-tickets", "100");
        d.put("estimates.drift.coverage-min-percent", "70");
        d.put("estimates.drift.coverage-max-percent", "90");
        d.put("estimates.drift.max-bias-minutes", "3");
        d.put("estimates.drift.check-minutes", "15");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    public DriftSettings {
        if (!(coverageMin >= 0 && coverageMin < coverageMax && coverageMax <= 1)) {
            throw new HubException("configuration keys estimates.drift.coverage-min-percent and -max-percent: need 0 ≤ min < max ≤ 100, got "
                    + Math.round(coverageMin * 100) + " and " + Math.round(coverageMax * 100));
        }
    }

    /** Reads the keys from a full set of hub keys (defaults filled in). */
    public static DriftSettings from(Map<String, String> v) {
        return new DriftSettings(intIn(v, "estimates.drift.window-days", 1, 90), intIn(v, "estimates.drift.min-tickets", 1, 1_000_000),
                intIn(v, "estimates.drift.coverage-min-percent", 0, 99) / 100.0,
                intIn(v, "estimates.drift.coverage-max-percent", 1, 100) / 100.0,
                intIn(v, "estimates.drift.max-bias-minutes", 1, 120),
                Duration.ofMinutes(intIn(v, "estimates.drift.check-minutes", 1, 24 * 60)));
    }

    public static DriftSettings defaults() {
        return from(DEFAULTS);
    }

    private static int intIn(Map<String, String> v, String key, int min, int max) {
        String s = v.getOrDefault(key, DEFAULTS.get(key)).trim();
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HubException("configuration key " + key + " has '" + s.toLowerCase(Locale.ROOT)
                + "'; expected a whole number from " + min + " to " + max);
    }
}
