package tw.jiaohao.hub.estimates;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic check behind the estimate-drift alert (alert kind {@code ESTIMATE_DRIFT}):
 * for every office, the figures of its last {@link DriftSettings#windowDays} office-days; one
 * alert raised when they drift, closed by the hub when they are back within bounds. Run from
 * one thread at a time ({@link #run} is called by a scheduler); a failure for one office is
 * logged once per run and does not stop the others.
 */
public final class DriftCheck implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DriftCheck.class);

    private final EstimatesService estimates;
    private final Alerts alerts;
    private final DriftSettings settings;
    private final Supplier<List<String>> offices;
    private final Function<String, LocalDate> today;

    /**
     * Port: where the verdicts go (the hub's alert service). Called from the checking thread;
     * both calls are idempotent (an open alert is not raised again, a closed one not closed again).
     */
    public interface Alerts {
        /** The office's estimates drift: raise its alert unless one is open. */
        void drifting(String office, String detail);

        /** The office's estimates are within bounds: close its open alert, if any. */
        void recovered(String office, String detail);
    }

    public DriftCheck(EstimatesService estimates, Alerts alerts, DriftSettings settings, Supplier<List<String>> offices,
                      Function<String, LocalDate> today) {
        this.estimates = estimates;
        this.alerts = alerts;
        this.settings = settings;
        this.offices = offices;
        this.today = today;
    }

    /** What the check found for one office. */
    public enum Verdict { TOO_FEW, WITHIN, DRIFTING }

    /** The verdict on figures, by the settings. */
    public Verdict verdict(Accuracy a) {
        if (a.tickets() < settings.minTickets()) {
            return Verdict.TOO_FEW;
        }
        boolean coverageOff = a.coverage() != null && (a.coverage() < settings.coverageMin() || a.coverage() > settings.coverageMax());
        boolean biased = Math.abs(a.bias()) > settings.maxBiasMinutes();
        return coverageOff || biased ? Verdict.DRIFTING : Verdict.WITHIN;
    }

    @Override
    public void run() {
        for (String office : offices.get()) {
            try {
                check(office);
            } catch (RuntimeException e) {
                log.warn("estimate drift check of office {} failed: {}", office, e.getMessage());
            }
        }
    }

    /** Checks one office now; returns the verdict. */
    public Verdict check(String office) {
        Accuracy a = estimates.recent(office, today.apply(office), settings.windowDays());
        Verdict v = verdict(a);
        String detail = a.tickets() == 0 ? "no called ticket with an estimate" : String.format(Locale.ROOT,
                "last %d days, %d tickets: bias %+.1f min (bound ±%.0f), range coverage %s (band %.0f-%.0f %%), mean |error| %.1f min",
                settings.windowDays(), a.tickets(), a.bias(), settings.maxBiasMinutes(),
                a.coverage() == null ? "-" : String.format(Locale.ROOT, "%.0f %%", a.coverage() * 100),
                settings.coverageMin() * 100, settings.coverageMax() * 100, a.meanAbsError());
        if (v == Verdict.DRIFTING) {
            alerts.drifting(office, detail);
        } else if (v == Verdict.WITHIN) {
            alerts.recovered(office, detail);
        }
        return v;
    }
}
