package tw.jiaohao.hub.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import tw.jiaohao.protocol.device.DeviceStatus;

/**
 * Times sent by devices are trusted only as far as they are plausible: a time more than
 * {@link #MAX_AHEAD} ahead of the receiver's clock is replaced by the receiver's. Used by every
 * hub input that reads device status (the ingest, the dashboard's live view and its alerts) and
 * by the alerts raised from events, so a forged or wrong future time can neither pin a device's
 * newest status (newer statuses are ignored until the forged time has passed) nor date an alert.
 */
public final class DeviceTimes {
    /** How far ahead of the receiver's clock a sender's time may be. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private DeviceTimes() {
    }

    /** {@code sent}, or {@code now} when {@code sent} is more than {@link #MAX_AHEAD} after it. */
    public static Instant plausible(Instant sent, Instant now) {
        return sent.isAfter(now.plus(MAX_AHEAD)) ? now : sent;
    }

    /**
     * The status with the receiver's time {@code now} when its own is implausibly ahead
     * (counted in {@code corrected}, logged once per office and interval), else as sent.
     */
    public static DeviceStatus plausible(DeviceStatus s, Instant now, AtomicLong corrected, RefusalLog log) {
        if (plausible(s.at(), now).equals(s.at())) {
            return s;
        }
        corrected.incrementAndGet();
        log.refused("device clock ahead", s.office(), "status of device " + s.device() + " dated "
                + Duration.between(now, s.at()).toMinutes() + " min ahead of the receiver's clock; the receiver's time is used");
        return new DeviceStatus(s.v(), s.office(), s.device(), s.kind(), s.online(), now, s.version(), s.printer(), s.detail(), s.host());
    }
}
