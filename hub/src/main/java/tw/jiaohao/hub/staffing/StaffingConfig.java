package tw.jiaohao.hub.staffing;

import java.util.LinkedHashMap;
import java.util.Map;
import tw.jiaohao.forecast.staffing.Target;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.Check;

/**
 * The staffing keys of the hub's properties file (hub.example.properties, docs/STAFFING.md).
 *
 * @param target          the wait target of every office without its own ({@code staffing.target-percent} called
 *                        within {@code staffing.target-minutes})
 * @param officeTargets   per-office targets ({@code staffing.office-targets}: {@code office:percent/minutes,…})
 * @param historyWeeks    weeks of stored tickets the forecast and the service model learn from ({@code staffing.history-weeks})
 * @param starvationMinutes the offices' queue starvation ceiling, which the hub does not receive
 *                        ({@code staffing.starvation-minutes}; the office node's {@code queue.starvation-minutes})
 * @param warningCheckMinutes how often the early warning checks every open office ({@code staffing.warning-check-minutes}; 0: never)
 */
public record StaffingConfig(Target target, Map<String, Target> officeTargets, int historyWeeks, double starvationMinutes,
                             int warningCheckMinutes) {

    /** Every staffing key and its default. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("staffing.target-percent", "80");
        d.put("staffing.target-minutes", "15");
        d.put("staffing.office-targets", "");
        d.put("staffing.history-weeks", "8");
        d.put("staffing.starvation-minutes", "30");
        d.put("staffing.warning-check-minutes", "5");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    public StaffingConfig {
        officeTargets = Map.copyOf(officeTargets);
    }

    /** The target of {@code office}: its own, else the common one. */
    public Target target(String office) {
        return officeTargets.getOrDefault(office, target);
    }

    /** Reads the staffing keys from a full set of hub keys (missing ones take their defaults). */
    public static StaffingConfig from(Map<String, String> v) {
        Target common = target("staffing.target-percent", get(v, "staffing.target-percent"), "staffing.target-minutes",
                get(v, "staffing.target-minutes"));
        Map<String, Target> own = new LinkedHashMap<>();
        String list = get(v, "staffing.office-targets");
        if (!list.isEmpty()) {
            for (String item : list.split(",")) {
                String[] p = item.trim().split("[:/]");
                if (p.length != 3 || !Check.IDENTIFIER.matcher(p[0]).matches() || own.containsKey(p[0])) {
                    throw new HubException("configuration key staffing.office-targets has '" + item.trim()
                            + "'; expected office:percent/minutes items separated by commas, each office once (e.g. taipei-1:85/10)");
                }
                own.put(p[0], target("staffing.office-targets", p[1], "staffing.office-targets", p[2]));
            }
        }
        return new StaffingConfig(common, own, intIn("staffing.history-weeks", get(v, "staffing.history-weeks"), 1, 52),
                intIn("staffing.starvation-minutes", get(v, "staffing.starvation-minutes"), 1, 600),
                intIn("staffing.warning-check-minutes", get(v, "staffing.warning-check-minutes"), 0, 60));
    }

    /** Defaults only (tests, tools). */
    public static StaffingConfig defaults() {
        return from(DEFAULTS);
    }

    private static String get(Map<String, String> v, String key) {
        return v.getOrDefault(key, DEFAULTS.get(key)).trim();
    }

    private static Target target(String percentKey, String percent, String minutesKey, String minutes) {
        int p = intIn(percentKey, percent, 1, 99);
        int m = intIn(minutesKey, minutes, 1, 240);
        return new Target(p / 100.0, m);
    }

    private static int intIn(String key, String s, int min, int max) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HubException("configuration key " + key + " has '" + s + "'; expected a whole number from " + min + " to " + max);
    }
}
