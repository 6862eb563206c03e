package tw.jiaohao.office.simulation;

import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.protocol.event.Rating;

/**
 * The shape of a walk-in day at a water company office: arrivals that peak after opening and
 * after lunch with a dip at noon ({@link Regime#PEAKS}), scaled to what the office's counters can
 * serve and to the weekday (Mondays busiest, Saturdays quietest), so a day drains by closing
 * instead of ending with a room full of people; a category mix; service times that differ by
 * category (log-normal around each category's configured minutes), some no-shows, transfers
 * and ratings.
 */
final class DayModel {
    static final double NO_SHOW_RATE = 0.06;
    static final double TRANSFER_RATE = 0.05;
    static final double RATED_SHARE = 0.7;

    private final Random random;
    private final OfficeConfig config;
    private final double[] weights;
    private final double capacity;
    private double weekday = 1.0;

    DayModel(OfficeConfig config, long seed) {
        this.config = config;
        this.random = new Random(seed);
        this.weights = OfficeDay.weights(config, 0.5);
        this.capacity = OfficeDay.capacityPerMinute(config, weights);
    }

    /** The day simulated next: its weekday scales the arrivals. */
    void day(java.time.LocalDate date) {
        weekday = switch (date.getDayOfWeek()) {
            case MONDAY -> 1.1;
            case FRIDAY -> 0.95;
            case SATURDAY, SUNDAY -> 0.8;
            default -> 1.0;
        };
    }

    /** Customers per minute at local time {@code t}. */
    double arrivalsPerMinute(LocalTime t) {
        return Math.max(0.02, Regime.PEAKS.load(t.toSecondOfDay() / 60.0) * capacity * weekday);
    }

    /** Minutes until the next arrival at local time {@code t}. */
    double minutesToNextArrival(LocalTime t) {
        return -Math.log(1 - random.nextDouble()) / arrivalsPerMinute(t);
    }

    /** A category drawn from the mix: mostly bills, priority lane ~8 %. */
    String category() {
        List<CategoryConfig> cats = config.categories();
        double total = 0;
        for (double w : weights) {
            total += w;
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
