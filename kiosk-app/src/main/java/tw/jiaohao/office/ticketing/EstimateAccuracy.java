package tw.jiaohao.office.ticketing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How good the first waiting estimates of an office day were: for every ticket issued at the
 * kiosk and later called, the estimate printed on it against the wait it actually had
 * (issue → first call). See docs/office-node/ESTIMATE.md.
 *
 * @param tickets           tickets measured (issued with an estimate, called)
 * @param meanAbsError      mean |actual − estimate| in minutes
 * @param meanError         mean (actual − estimate): positive means estimates were optimistic
 * @param p90AbsError       90th percentile of |actual − estimate|
 * @param withinFiveMinutes share of tickets whose actual wait was within ±5 min of the estimate
 */
public record EstimateAccuracy(int tickets, double meanAbsError, double meanError, double p90AbsError, double withinFiveMinutes) {

    public static EstimateAccuracy of(OfficeDatabase db, LocalDate day) {
        return db.transaction(c -> {
            List<Double> errors = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT (called_at - issued_at) / 60000.0 - estimate_minutes FROM tickets "
                    + "WHERE office_day = ? AND estimate_minutes IS NOT NULL AND called_at IS NOT NULL")) {
                s.setString(1, day.toString());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        errors.add(r.getDouble(1));
                    }
                }
            }
            if (errors.isEmpty()) {
                return new EstimateAccuracy(0, 0, 0, 0, 0);
            }
            List<Double> abs = new ArrayList<>(errors.stream().map(Math::abs).toList());
            Collections.sort(abs);
            double mae = abs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double bias = errors.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double p90 = abs.get(Math.min(abs.size() - 1, (int) Math.ceil(abs.size() * 0.9) - 1));
            double within = abs.stream().filter(e -> e <= 5.0).count() / (double) abs.size();
            return new EstimateAccuracy(errors.size(), mae, bias, p90, within);
        });
    }

    @Override
    public String toString() {
        return String.format("%d tickets: mean |error| %.1f min, bias %+.1f min (actual − estimate), p90 |error| %.1f min, "
                + "%.0f%% within ±5 min", tickets, meanAbsError, meanError, p90AbsError, withinFiveMinutes * 100);
    }
}
