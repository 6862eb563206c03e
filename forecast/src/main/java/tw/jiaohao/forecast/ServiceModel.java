package tw.jiaohao.forecast;

/**
 * Port: how long a counter is taken by one customer, as the forecast samples it. Service
 * minutes (start to finish) are lognormal with parameters by category, counter and local hour;
 * before it a called customer takes {@link #callToStartMinutes()} to sit down, and a share of
 * those called do not come ({@link #noShowShare()}): the clerk then waits
 * {@link #noShowMinutes()} before calling the next. Implementations are immutable and cheap to
 * query (the forecast asks once per counter, category and hour per estimate).
 */
public interface ServiceModel {
    /** μ of ln(service minutes) for {@code category} at {@code counter} in local hour {@code hour} (0–23). */
    double mu(String category, int counter, int hour);

    /** σ of ln(service minutes), &gt; 0. */
    double sigma(String category, int counter, int hour);

    /** Mean minutes from a call to the customer sitting down. */
    double callToStartMinutes();

    /** Share of called customers who do not come, 0–1. */
    double noShowShare();

    /** Minutes a counter waits for a customer who does not come. */
    double noShowMinutes();

    /**
     * Share of served customers sent on to another category at the end of their service; the
     * new ticket keeps the original issue time, so it goes before later tickets there.
     */
    double transferShare();

    /** How transfers spread over target categories: weights by category code (any scale). */
    java.util.Map<String, Double> transferTargets();

    /**
     * How transfers out of {@code from} spread over target categories (weights by code, any
     * scale; a weight for {@code from} itself is ignored). Where customers are sent depends on
     * what they came for; by default the same spread as {@link #transferTargets()}.
     */
    default java.util.Map<String, Double> transferTargets(String from) {
        return transferTargets();
    }
}
