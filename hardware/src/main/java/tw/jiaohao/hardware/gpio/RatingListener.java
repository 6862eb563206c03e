package tw.jiaohao.hardware.gpio;

/**
 * Receives an accepted rating. Called on the pad's GPIO thread ({@code jiaohao-gpio}): return quickly.
 */
@FunctionalInterface
public interface RatingListener {
    void onRating(Rating rating);
}
