package tw.jiaohao.hub.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;

/**
 * Turns office events and device status into alerts for the duty manager, and records who
 * handled them and when.
 *
 * <p>Feed it each stored event once ({@link #onEvent}: the ingest calls it after an event is
 * stored for the first time, so redelivered and replayed duplicates never reach it) and every
 * device status message ({@link #onDeviceStatus}). A dissatisfied rating raises one alert per
 * ticket, whichever of RATING_RECORDED and ALERT_RAISED arrives first; device and waiting-time
 * alerts fold repeats into the open alert of the same office (and device). Thread-safe.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertStore store;
    private final Clock clock;
    private final Duration targetWait;
    private final AtomicLong raised = new AtomicLong();

    public AlertService(AlertStore store, Clock clock, Duration targetWait) {
        this.store = store;
        this.clock = clock;
        this.targetWait = targetWait;
    }

    public void onEvent(OfficeEvent e) {
        boolean dissatisfied = e.rating() == Rating.DISSATISFIED
                && (e.type() == EventType.RATING_RECORDED || e.type() == EventType.ALERT_RAISED);
        if (dissatisfied) {
            raise(new Alert(0, AlertKind.DISSATISFIED_RATING, e.office(), null, e.counter(), e.ticketNumber(),
                    "category " + e.category(), e.at(), e.at(), 1, null, null),
                    "rating|" + e.office() + "|" + e.ticketId(), AlertStore.Dedupe.ONCE_EVER);
        } else if (e.type() == EventType.TICKET_CALLED) {
            Duration wait = Duration.between(e.issuedAt(), e.at());
            if (wait.compareTo(targetWait) > 0) {
                raise(new Alert(0, AlertKind.WAIT_OVER_TARGET, e.office(), null, e.counter(), e.ticketNumber(),
                        "waited " + wait.toMinutes() + " min (target " + targetWait.toMinutes() + " min)", e.at(), e.at(), 1, null, null),
                        "wait|" + e.office(), AlertStore.Dedupe.WHILE_OPEN);
            }
        }
    }

    public void onDeviceStatus(DeviceStatus s) {
        if (!s.online()) {
            raise(new Alert(0, AlertKind.DEVICE_OFFLINE, s.office(), s.device(), null, null, s.kind().name(), s.at(), s.at(), 1, null, null),
                    "offline|" + s.office() + "|" + s.device(), AlertStore.Dedupe.WHILE_OPEN);
            return;
        }
        PrinterCondition p = s.printer();
        if (p != null && p.needsAttention()) {
            AlertKind kind = switch (p) {
                case PAPER_OUT -> AlertKind.PRINTER_PAPER_OUT;
                case PAPER_NEAR_END -> AlertKind.PRINTER_PAPER_NEAR_END;
                default -> AlertKind.PRINTER_PROBLEM;
            };
            raise(new Alert(0, kind, s.office(), s.device(), null, null, p.name(), s.at(), s.at(), 1, null, null),
                    "printer|" + kind + "|" + s.office() + "|" + s.device(), AlertStore.Dedupe.WHILE_OPEN);
        }
    }

    /** Marks an alert handled by {@code user}; refuses users who may not handle that office's alerts. */
    public Alert handle(User user, long id) {
        Alert a = store.find(id).orElseThrow(() -> new HubException("no alert " + id));
        if (!user.canHandleAlertsOf(a.office())) {
            throw new HubException("user " + user.username() + " may not handle alerts of office " + a.office());
        }
        if (store.markHandled(id, user.username(), clock.instant())) {
            log.info("alert {} ({}, office {}) handled by {}", id, a.kind(), a.office(), user.username());
        }
        return store.find(id).orElseThrow();
    }

    public List<Alert> list(Collection<String> offices, boolean openOnly, int limit) {
        return store.list(offices, openOnly, limit);
    }

    public Map<String, Integer> openCounts() {
        return store.openCounts();
    }

    /** Alerts raised since start (new alerts, not folded repeats). */
    public long raisedCount() {
        return raised.get();
    }

    private void raise(Alert a, String key, AlertStore.Dedupe dedupe) {
        if (store.raise(a, key, dedupe)) {
            raised.incrementAndGet();
            log.info("alert raised: {} at office {}{}", a.kind(), a.office(), a.device() == null ? "" : " device " + a.device());
        }
    }
}
