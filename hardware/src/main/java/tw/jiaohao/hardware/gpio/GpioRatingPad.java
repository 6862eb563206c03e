package tw.jiaohao.hardware.gpio;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RatingPad} over four switch inputs and four lamps. State (idle, armed, confirming)
 * lives on the GPIO thread; lamps follow it.
 */
public final class GpioRatingPad implements RatingPad {
    private static final Logger LOG = LoggerFactory.getLogger(GpioRatingPad.class);

    private final KeyPadCore<Rating> core;
    private final Map<Rating, Lamp> lamps;
    private final Duration confirm;
    private final GpioScheduler scheduler;
    private final List<RatingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean armed;
    private Cancellable timer;

    /**
     * @param inputs    one input per {@link Rating}
     * @param lamps     one lamp per {@link Rating}
     * @param timing    debounce and long-press
     * @param confirm   how long the chosen key's lamp stays lit after a rating
     * @param scheduler the GPIO thread; listeners fire on it
     */
    public GpioRatingPad(Map<Rating, ? extends SwitchInput> inputs, Map<Rating, ? extends Lamp> lamps, KeyTiming timing,
                         Duration confirm, GpioScheduler scheduler) {
        this.lamps = new EnumMap<>(Rating.class);
        for (Rating r : Rating.values()) {
            this.lamps.put(r, Objects.requireNonNull(lamps.get(r), "no lamp for " + r));
        }
        this.confirm = Objects.requireNonNull(confirm, "confirm");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.core = new KeyPadCore<>("rating-pad", Rating.class, inputs, timing, scheduler);
        core.addListener(this::key);
        scheduler.execute(() -> allLamps(false));
    }

    @Override
    public void addListener(RatingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(RatingListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void arm(Duration window) {
        if (window.toMillis() < 1000 || window.toMinutes() > 10) {
            throw new IllegalArgumentException("rating window must be 1 s .. 10 min, was " + window.toMillis() + " ms");
        }
        scheduler.execute(() -> {
            cancelTimer();
            armed = true;
            allLamps(true);
            timer = scheduler.schedule(() -> {
                LOG.info("rating-pad: no rating within {} s", window.toSeconds());
                idle();
            }, window);
        });
    }

    @Override
    public void disarm() {
        scheduler.execute(this::idle);
    }

    @Override
    public boolean isArmed() {
        return armed;
    }

    @Override
    public boolean isLampOn(Rating rating) {
        return lamps.get(rating).isOn();
    }

    private void key(KeyEvent<Rating> e) {
        if (e.action() != KeyAction.PRESSED) {
            return;
        }
        if (!armed) {
            LOG.debug("rating-pad: {} ignored (not armed)", e.key());
            return;
        }
        armed = false;
        cancelTimer();
        for (Rating r : Rating.values()) {
            lamps.get(r).set(r == e.key());
        }
        LOG.info("rating-pad: {} ({})", e.key(), e.key().label());
        for (RatingListener l : listeners) {
            try {
                l.onRating(e.key());
            } catch (RuntimeException ex) {
                LOG.error("rating-pad: listener failed on {}", e.key(), ex);
            }
        }
        timer = scheduler.schedule(this::idle, confirm);
    }

    private void idle() {
        cancelTimer();
        armed = false;
        allLamps(false);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void allLamps(boolean on) {
        lamps.values().forEach(l -> l.set(on));
    }

    @Override
    public void close() {
        armed = false;
        core.close();
        lamps.values().forEach(l -> l.set(false));
    }
}
