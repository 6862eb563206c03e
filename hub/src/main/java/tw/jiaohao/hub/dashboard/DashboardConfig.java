package tw.jiaohao.hub.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tw.jiaohao.hub.HubException;

/**
 * The dashboard's keys in the hub's properties file (reference: docs/hub/CONFIG.md).
 *
 * @param targetWait      waiting-time target: "served within target" and the waiting alerts ({@code dashboard.target-wait-minutes})
 * @param cookieSecure    session cookie marked Secure ({@code web.cookie-secure}); true whenever the hub is reached over HTTPS
 * @param sessionIdle     a session ends after this long without a request ({@code web.session-idle-minutes})
 * @param pollSeconds     refresh interval of the all-offices page ({@code web.poll-seconds})
 * @param maxFailedLogins failed logins per username within the lockout window before further tries are refused ({@code auth.max-failed-logins})
 * @param lockout         the lockout window ({@code auth.lockout-minutes})
 * @param ingestApiPublic the ingest's read-only paths ({@code /api/offices…}, {@code /api/ingest}) answer without a login
 *                        ({@code web.ingest-api-public}), for monitoring on a trusted network; the dashboard's own paths always need one
 * @param ticketPagePerMinute loads of the public ticket page {@code /t/…} allowed per client address and minute
 *                        ({@code web.ticket-page-per-minute})
 * @param staffing        the staffing advice's keys ({@code staffing.*}, docs/STAFFING.md)
 * @param estimateDrift   when the estimate-drift alert is raised and cleared ({@code estimates.drift.*})
 */
public record DashboardConfig(Duration targetWait, boolean cookieSecure, Duration sessionIdle, int pollSeconds,
                              int maxFailedLogins, Duration lockout, boolean ingestApiPublic,
                              int ticketPagePerMinute, tw.jiaohao.hub.staffing.StaffingConfig staffing,
                              tw.jiaohao.hub.estimates.DriftSettings estimateDrift) {

    /** Every dashboard key and its default. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dashboard.target-wait-minutes", "15");
        d.put("web.cookie-secure", "false");
        d.put("web.session-idle-minutes", "480");
        d.put("web.poll-seconds", "5");
        d.put("auth.max-failed-logins", "5");
        d.put("auth.lockout-minutes", "15");
        d.put("web.ingest-api-public", "false");
        d.put("web.ticket-page-per-minute", "30");
        d.putAll(tw.jiaohao.hub.staffing.StaffingConfig.DEFAULTS);
        d.putAll(tw.jiaohao.hub.estimates.DriftSettings.DEFAULTS);
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    /** Reads the dashboard keys from a full set of hub keys (defaults filled in). */
    public static DashboardConfig from(Map<String, String> v) {
        return new DashboardConfig(
                Duration.ofMinutes(intIn(v, "dashboard.target-wait-minutes", 1, 600)),
                bool(v, "web.cookie-secure"),
                Duration.ofMinutes(intIn(v, "web.session-idle-minutes", 5, 7 * 24 * 60)),
                intIn(v, "web.poll-seconds", 1, 3600),
                intIn(v, "auth.max-failed-logins", 1, 1000),
                Duration.ofMinutes(intIn(v, "auth.lockout-minutes", 1, 24 * 60)),
                bool(v, "web.ingest-api-public"),
                intIn(v, "web.ticket-page-per-minute", 1, 100_000),
                tw.jiaohao.hub.staffing.StaffingConfig.from(v),
                tw.jiaohao.hub.estimates.DriftSettings.from(v));
    }

    /** Defaults only (tests, tools). */
    public static DashboardConfig defaults() {
        return from(DEFAULTS);
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = v.getOrDefault(key, DEFAULTS.get(key)).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new HubException("configuration key " + key + " has '" + s + "'; expected true or false");
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
        throw new HubException("configuration key " + key + " has '" + s + "'; expected a whole number from " + min + " to " + max);
    }
}
