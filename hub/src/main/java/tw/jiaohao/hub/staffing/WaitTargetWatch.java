package tw.jiaohao.hub.staffing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.forecast.staffing.ArrivalForecast;
import tw.jiaohao.forecast.staffing.ArrivalForecaster;
import tw.jiaohao.forecast.staffing.EarlyWarning;
import tw.jiaohao.forecast.staffing.Office;
import tw.jiaohao.forecast.staffing.StaffingEngine;
import tw.jiaohao.forecast.staffing.Target;
import tw.jiaohao.hub.alerts.AlertService;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The early warning (docs/STAFFING.md): on each {@link #checkOnce}, for every office with a
 * live state that is open, what the hub knows now (today's stored tickets, the counters open in
 * the latest state) goes into the engine's {@link EarlyWarning}; its {@link EarlyWarning.Watch}
 * per office raises a {@code WAIT_TARGET_AT_RISK} alert once and clears it when the risk passes.
 *
 * <p>Called from one timer thread. An office without history or state is skipped (counted); a
 * failure for one office is logged once per office and kind and does not stop the others. The
 * watch state is in memory: after a restart an alert still open is cleared at the first check
 * whose risk is low.
 */
public final class WaitTargetWatch {
    private static final Logger log = LoggerFactory.getLogger(WaitTargetWatch.class);

    private final StaffingService staffing;
    private final TicketHistory history;
    private final Supplier<? extends java.util.Collection<String>> offices;
    private final Function<String, Optional<StateSnapshot>> states;
    private final AlertService alerts;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, EarlyWarning.Watch> watches = new ConcurrentHashMap<>();
    private final Map<String, String> failedOnce = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();

    public WaitTargetWatch(StaffingService staffing, TicketHistory history, Supplier<? extends java.util.Collection<String>> offices,
                           Function<String, Optional<StateSnapshot>> states, AlertService alerts, ZoneId zone, Clock clock) {
        this.staffing = staffing;
        this.history = history;
        this.offices = offices;
        this.states = states;
        this.alerts = alerts;
        this.zone = zone;
        this.clock = clock;
    }

    /** Checks every office once; returns the risks assessed, by office (for tests and the log). */
    public Map<String, EarlyWarning.Risk> checkOnce() {
        Map<String, EarlyWarning.Risk> out = new java.util.TreeMap<>();
        for (String office : offices.get()) {
            try {
                check(office).ifPresent(r -> out.put(office, r));
            } catch (StaffingService.Unavailable e) {
                skipped.incrementAndGet();
            } catch (RuntimeException e) {
                if (failedOnce.put(office + "/" + e.getClass().getName(), "") == null) {
                    log.warn("wait-target warning for office {} failed: {}", office, e.toString());
                }
            }
        }
        return out;
    }

    /** Offices skipped since start (no state, no history, not a working day). */
    public long skipped() {
        return skipped.get();
    }

    private Optional<EarlyWarning.Risk> check(String office) {
        StateSnapshot state = states.apply(office).orElse(null);
        if (state == null || state.closed()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        StaffingInputs in = staffing.inputs(office, today);
        Optional<ArrivalForecast> fc = ArrivalForecaster.forecast(in.office().categories(), in.history(), in.calendar(), today);
        if (fc.isEmpty()) {
            return Optional.empty();
        }
        ArrivalForecast f = fc.get();
        Office o = in.office();
        double t = local.getHour() * 60 + local.getMinute() + local.getSecond() / 60.0;
        long dayStart = today.atStartOfDay(zone).toInstant().toEpochMilli();
        List<TicketHistory.Ticket> todays = history.tickets(office, dayStart, now.toEpochMilli() + 1);
        StaffingEngine engine = new StaffingEngine(o, in.model());
        double meanBusy = engine.meanServiceMinutes(f, Math.min(o.lastHour(), Math.max(o.firstHour(), local.getHour())));
        List<int[]> keepCat = new ArrayList<>();
        List<double[]> keepTimes = new ArrayList<>();
        double[] freeAt = new double[o.counters().size()];
        int issuedSoFar = 0;
        for (TicketHistory.Ticket k : todays) {
            if (!o.categories().contains(k.category())) {
                continue;
            }
            issuedSoFar++;
            double issued = (k.issuedMs() - dayStart) / 60_000.0;
            Double called = k.calledMs() == null || k.calledMs() > now.toEpochMilli() ? null : (k.calledMs() - dayStart) / 60_000.0;
            if (called == null || issued >= t - EarlyWarning.LOOKBACK_MINUTES) {
                keepCat.add(new int[] {o.categoryIndex(k.category())});
                keepTimes.add(new double[] {issued, called == null ? Double.NaN : called});
            }
            if (called != null && k.counter() != null) {
                for (int i = 0; i < o.counters().size(); i++) {
                    if (o.counters().get(i).number() == k.counter()) {
                        freeAt[i] = Math.max(freeAt[i], called + meanBusy);
                    }
                }
            }
        }
        int n = keepCat.size();
        int[] cat = new int[n];
        double[] iss = new double[n];
        double[] cal = new double[n];
        for (int j = 0; j < n; j++) {
            cat[j] = keepCat.get(j)[0];
            iss[j] = keepTimes.get(j)[0];
            cal[j] = keepTimes.get(j)[1];
        }
        boolean[] open = new boolean[o.counters().size()];
        for (int i = 0; i < open.length; i++) {
            int number = o.counters().get(i).number();
            open[i] = state.counters().stream().anyMatch(c -> c.counter() == number && c.open());
        }
        double expected = 0;
        for (int h = 0; h < 24; h++) {
            expected += f.total(h) * Math.max(0, Math.min(1, (t - h * 60) / 60));
        }
        Target target = staffing.config().target(office);
        EarlyWarning.Risk risk = new EarlyWarning(engine.simulator())
                .assess(new EarlyWarning.Snapshot(t, cat, iss, cal, open, freeAt, issuedSoFar, expected), f, target);
        EarlyWarning.Watch watch = watches.computeIfAbsent(office, x -> new EarlyWarning.Watch());
        switch (watch.update(risk)) {
            case RAISED -> {
                // stored in the engine's English form; the pages say it in the reader's language (Pages.detail)
                alerts.onWaitTargetAtRisk(office, EarlyWarning.describe(o, risk, target, Locale.ENGLISH));
                log.info("wait-target warning raised for office {} (risk {} %)", office, Math.round(risk.probability() * 100));
            }
            case CLEARED -> {
                alerts.onWaitTargetRiskPassed(office);
                log.info("wait-target warning cleared for office {}", office);
            }
            case NONE -> {
                if (!watch.raised() && risk.probability() < EarlyWarning.CLEAR && !risk.brokenNow()) {
                    alerts.onWaitTargetRiskPassed(office); // one left open by an earlier run of the hub
                }
            }
        }
        return Optional.of(risk);
    }
}
