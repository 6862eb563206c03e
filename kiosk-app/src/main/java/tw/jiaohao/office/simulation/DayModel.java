package tw.jiaohao.office.simulation;

import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.protocol.event.Rating;

/**
 * The shape of a walk-in day at a water company office: arrivals that peak after opening and
 * after lunch with a dip at noon, a category mix, service times that differ by category
 * (log-normal around each category's configured minutes), some no-shows, transfers and ratings.
 */
final class DayModel {
    static final double NO_SHOW_RATE = 0.06;
    static final double TRANSFER_RATE = 0.05;
    static final double RATED_SHARE = 0.7;

    private final Random random;
    private final OfficeConfig config;

    DayModel(OfficeConfig config, long seed) {
        this.config = config;
        this.random = new Random(seed);
    }

    /** Customers per minute at local time {@code t}. */
    double arrivalsPerMinute(LocalTime t) {
        double m = t.toSecondOfDay() / 60.0;
        double base = 0.45;
        double morning = 1.3 * Math.exp(-Math.pow((m - (9 * 60 + 20)) / 40.0, 2) / 2);
        double afternoon = 1.0 * Math.exp(-Math.pow((m - (13 * 60 + 50)) / 45.0, 2) / 2);
        double lunch = m >= 12 * 60 && m < 13 * 60 ? 0.5 : 1.0;
        return (base + morning + afternoon) * lunch;
    }

    /** Minutes until the next arrival at local time {@code t}. */
    double minutesToNextArrival(LocalTime t) {
        return -Math.log(1 - random.nextDouble()) / arrivalsPerMinute(t);
    }

    /** A category drawn from the mix: mostly bills, priority lane ~8 %. */
    String category() {
        List<CategoryConfig> cats = config.categories();
        double[] weights = new double[cats.size()];
        double total = 0;
        for (int i = 0; i < cats.size(); i++) {
            CategoryConfig c = cats.get(i);
            weights[i] = c.priority() ? 0.5 : switch (c.code()) {
                case "A" -> 3.0;
                case "B" -> 1.3;
                case "C" -> 1.0;
                case "D" -> 0.6;
                default -> 0.8;
            };
            total += weights[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < cats.size(); i++) {
            r -= weights[i];
            if (r < 0) {
                return cats.get(i).code();
            }
        }
        return cats.get(cats.size() - 1).code();
    }

    /** Service minutes for a category: log-normal with the configured minutes as median. */
    double serviceMinutes(String category) {
        double median = config.category(category).orElseThrow().serviceMinutes();
        return Math.max(0.5, median * Math.exp(0.45 * random.nextGaussian()));
    }

    /** Minutes for a called customer to walk to the counter. */
    double walkMinutes() {
        return 0.2 + 0.6 * random.nextDouble();
    }

    boolean noShow() {
        return random.nextDouble() < NO_SHOW_RATE;
    }

    boolean transfer() {
        return random.nextDouble() < TRANSFER_RATE;
    }

    /** Another non-priority category than {@code from}. */
    String transferTarget(String from) {
        List<String> others = config.categories().stream().filter(c -> !c.priority() && !c.code().equals(from))
                .map(CategoryConfig::code).toList();
        return others.isEmpty() ? null : others.get(random.nextInt(others.size()));
    }

    /** A rating, or null when the customer leaves without rating. */
    Rating rating() {
        if (random.nextDouble() >= RATED_SHARE) {
            return null;
        }
        double r = random.nextDouble();
        return r < 0.55 ? Rating.VERY_SATISFIED : r < 0.85 ? Rating.SATISFIED : r < 0.95 ? Rating.NEUTRAL : Rating.DISSATISFIED;
    }
}
