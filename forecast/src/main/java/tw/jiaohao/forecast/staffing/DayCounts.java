package tw.jiaohao.forecast.staffing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Tickets issued at an office on one date, by category code and local hour (what the hub's
 * event store holds for every day of the office's history).
 */
public record DayCounts(LocalDate date, Map<String, int[]> byCategoryHour) {
    public DayCounts {
        Map<String, int[]> copy = new HashMap<>();
        byCategoryHour.forEach((code, hours) -> {
            if (hours.length != 24) {
                throw new IllegalArgumentException("category " + code + " needs 24 hourly counts, got " + hours.length);
            }
            for (int x : hours) {
                if (x < 0) {
                    throw new IllegalArgumentException("negative count for category " + code + " on " + date);
                }
            }
            copy.put(code, hours.clone());
        });
        byCategoryHour = Map.copyOf(copy);
    }

    public int count(String category, int hour) {
        int[] h = byCategoryHour.get(category);
        return h == null ? 0 : h[hour];
    }

    public int total() {
        int n = 0;
        for (int[] h : byCategoryHour.values()) {
            for (int x : h) {
                n += x;
            }
        }
        return n;
    }
}
