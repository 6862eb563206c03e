package tw.jiaohao.hub.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Stored events reach it through {@link AlertFeed} (a durable cursor over the {@code event}
 * table, so each stored event is seen once, even across a crash; redelivered and replayed
 * duplicates are never stored twice) and every device status message through
 * {@link #onDeviceStatus}. A dissatisfied rating raises one alert per
 * ticket, whichever of RATING_RECORDED and ALERT_RAISED arrives first; device and waiting-time
 * alerts fold repeats into the open alert of the same office (and device). Thread-safe.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertStore store;
    private final Clock clock;
    private final Duration targetWait;
    private final AtomicLong raised = new AtomicLong();
    private final tw.jiaohao.hub.ingest.RefusalLog raisedLog = new tw.jiaohao.hub.ingest.RefusalLog(log);

    public AlertService(AlertStore store, Clock clock, Duration targetWait) {
        this.store = store;
        this.clock = clock;
        this.targetWait = targetWait;
    }

    /**
     * Raises the alerts of stored events and moves the alert cursor past them, in one
     * transaction (see {@link AlertStore#raiseFromEvents}). {@code events} are in arrival order;
     * {@code from} is the cursor before them, {@code cursor} the id of the last of them. False
     * (nothing raised) when the cursor was no longer at {@code from}: another hub instance on the
     * same database raised them.
     */
    public boolean raiseFromEvents(List<OfficeEvent> events, long from, long cursor) {
        List<AlertStore.Occurrence> occurrences = new java.util.ArrayList<>();
        for (OfficeEvent e : events) {
            AlertStore.Occurrence o = fromEvent(e);
            if (o != null) {
                occurrences.add(o);
            }
        }
        int created = store.raiseFromEvents(occurrences, from, cursor);
        if (created < 0) {
            return false;
        }
        raised.addAndGet(created);
        if (created > 0) {
            log.info("{} alert(s) raised from stored events up to #{}", created, cursor);
        }
        return true;
    }

    /** The only event types {@link #fromEvent} can raise an alert for; others need not be read. */
    public static final java.util.Set<EventType> ALERTING_TYPES =
            java.util.EnumSet.of(EventType.RATING_RECORDED, EventType.ALERT_RAISED, EventType.TICKET_CALLED);

    /** The alert an event calls for, or null. */
    AlertStore.Occurrence fromEvent(OfficeEvent e) {
        Instant at = tw.jiaohao.hub.ingest.DeviceTimes.plausible(e.at(), clock.instant());
        boolean dissatisfied = e.rating() == Rating.DISSATISFIED
                && (e.type() == EventType.RATING_RECORDED || e.type() == EventType.ALERT_RAISED);
        if (dissatisfied) {
            return new AlertStore.Occurrence(new Alert(0, AlertKind.DISSATISFIED_RATING, e.office(), null, e.counter(), e.ticketNumber(),
                    "category " + e.category(), at, at, 1, null, null),
                    "rating|" + e.office() + "|" + e.ticketId(), AlertStore.Dedupe.ONCE_EVER);
        } else if (e.type() == EventType.TICKET_CALLED) {
            Duration wait = Duration.between(e.issuedAt(), e.at());
            if (wait.compareTo(targetWait) > 0) {
                return new AlertStore.Occurrence(new Alert(0, AlertKind.WAIT_OVER_TARGET, e.office(), null, e.counter(), e.ticketNumber(),
                        "waited " + wait.toMinutes() + " min (target " + targetWait.toMinutes() + " min)", at, at, 1, null, null),
                        "wait|" + e.office() + "|" + e.ticketId(), AlertStore.Dedupe.ONCE_EVER);
            }
        }
        return null;
    }

    /** Raises the alerts of a device status; its time only where plausible (else the hub's clock, see {@link tw.jiaohao.hub.ingest.DeviceTimes}). */
    public void onDeviceStatus(DeviceStatus s) {
        Instant at = tw.jiaohao.hub.ingest.DeviceTimes.plausible(s.at(), clock.instant());
        for (String fault : NodeFaults.of(s.kind(), s.detail())) {
            raise(new Alert(0, AlertKind.OFFICE_NODE_FAULT, s.office(), s.device(), null, null, fault, at, at, 1, null, null),
                    "node|" + NodeFaults.kind(fault) + "|" + s.office() + "|" + s.device(), AlertStore.Dedupe.WHILE_OPEN);
        }
        if (!s.online()) {
            raise(new Alert(0, AlertKind.DEVICE_OFFLINE, s.office(), s.device(), null, null, s.kind().name(), at, at, 1, null, null),
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
            raise(new Alert(0, kind, s.office(), s.device(), null, null, p.name(), at, at, 1, null, null),
                    "printer|" + kind + "|" + s.office() + "|" + s.device(), AlertStore.Dedupe.WHILE_OPEN);
        }
    }

    /**
     * Raises one alert per office and kind of the events a batch did not take for their seq,
     * folding repeats into the open alert; the time is the hub's (the senders' may be forged).
     */
    public void onSeqTroubles(List<tw.jiaohao.hub.store.SeqTrouble> troubles) {
        Map<String, List<tw.jiaohao.hub.store.SeqTrouble>> byOffice = new java.util.TreeMap<>();
        for (tw.jiaohao.hub.store.SeqTrouble t : troubles) {
            byOffice.computeIfAbsent(t.kind() + "|" + t.office(), k -> new java.util.ArrayList<>()).add(t);
        }
        Instant now = clock.instant();
        for (List<tw.jiaohao.hub.store.SeqTrouble> group : byOffice.values()) {
            tw.jiaohao.hub.store.SeqTrouble first = group.get(0);
            boolean conflict = first.kind() == tw.jiaohao.hub.store.SeqTrouble.Kind.CONFLICT;
            String detail = conflict
                    ? group.size() + " event(s) with a seq already held, first seq " + first.seq() + "; see seq_conflict"
                    : group.size() + " event(s) with an implausible seq, first " + first.seq() + " (held " + first.heldSeq()
                            + "); see seq_implausible";
            raise(new Alert(0, conflict ? AlertKind.SEQ_CONFLICT : AlertKind.IMPLAUSIBLE_SEQ, first.office(), null, null, null,
                    detail, now, now, 1, null, null), first.kind() + "|" + first.office(), AlertStore.Dedupe.WHILE_OPEN);
        }
    }

    /** Raises (or folds into the open one) an alert about look-up guessing at an office, timed by the hub's clock. */
    public void onLookupGuessing(String office, String device, String detail) {
        Instant now = clock.instant();
        raise(new Alert(0, AlertKind.LOOKUP_GUESSING, office, device, null, null, detail, now, now, 1, null, null),
                "guessing|" + office + "|" + device, AlertStore.Dedupe.WHILE_OPEN);
    }

    /** Who closes an alert whose condition went away by itself (shown as "handled by"). */
    public static final String CLEARED_BY_HUB = "hub (recovered)";

    /**
     * Raises the estimate-drift alert of an office unless one is open (checks run periodically:
     * an open alert is not folded into again, so it counts one occurrence); returns true when raised.
     */
    public boolean onEstimateDrift(String office, String detail) {
        String key = "estimates|" + office;
        if (store.isOpen(key)) {
            return false;
        }
        Instant now = clock.instant();
        boolean created = store.raise(new Alert(0, AlertKind.ESTIMATE_DRIFT, office, null, null, null, detail, now, now, 1, null, null),
                key, AlertStore.Dedupe.WHILE_OPEN);
        if (created) {
            raised.incrementAndGet();
            log.info("alert ESTIMATE_DRIFT raised for office {}: {}", office, detail);
        }
        return created;
    }

    /** Closes the office's open estimate-drift alert, if any, as handled by {@value #CLEARED_BY_HUB}; true when one was closed. */
    public boolean onEstimatesRecovered(String office, String detail) {
        boolean cleared = store.clear("estimates|" + office, CLEARED_BY_HUB, clock.instant());
        if (cleared) {
            log.info("alert ESTIMATE_DRIFT cleared for office {}: {}", office, detail);
        }
        return cleared;
    }

    /**
     * The office will likely break its wait target soon ({@link AlertKind#WAIT_TARGET_AT_RISK});
     * {@code detail} says what would prevent it (no personal data). One open alert per office.
     */
    public void onWaitTargetAtRisk(String office, String detail) {
        Instant now = clock.instant();
        raise(new Alert(0, AlertKind.WAIT_TARGET_AT_RISK, office, null, null, null, detail, now, now, 1, null, null),
                "wait-target-risk:" + office, AlertStore.Dedupe.WHILE_OPEN);
    }

    /** The risk passed: the office's open {@link AlertKind#WAIT_TARGET_AT_RISK} alert, if any, is closed by the hub. */
    public boolean onWaitTargetRiskPassed(String office) {
        return store.clear("wait-target-risk:" + office, CLEARED_BY_HUB, clock.instant());
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
            // alerts can be provoked by hostile senders: logged like refusals, once per kind and office a minute
            raisedLog.noted("alert " + a.kind(), a.office(), a.device() == null ? "raised" : "raised for device " + a.device());
        }
    }
}
