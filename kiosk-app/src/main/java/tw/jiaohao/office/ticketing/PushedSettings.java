package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;

/**
 * Head office's settings put in force on the node, one part of the queue engine: categories,
 * counters and hours pushed from the hub ({@code office.fleet.FleetSettings} decodes and checks
 * them) replace the configuration in force between calls, never in the middle of one.
 * <ul>
 * <li>Refused ({@link SettingsRefusedException}, nothing changes) when they are for another office
 *     or time zone ({@code OTHER_OFFICE}), or drop a category that still has tickets waiting or at
 *     a counter ({@code CATEGORY_IN_USE}).</li>
 * <li>Waiting ({@link SettingsWait} {@code COUNTER_BUSY}, nothing changes) while a counter whose
 *     settings change, or that goes away, is calling or serving someone: the caller tries again
 *     after the next change.</li>
 * <li>Applied: in one transaction the new counters get their rows, the caller's record of the
 *     version runs, the configuration is put in force and the waiting estimate learns it; after the
 *     commit the estimate is woken.</li>
 * </ul>
 * The counters of the configuration the engine starts with get their rows the same way
 * ({@link #addCounters}).
 *
 * <p>Threading: any thread, blocking; the check and the switch run in one transaction under the
 * database's writer lock, so every change sees either the old or the new configuration whole.
 * Failure: a store failure ({@link StoreException}) rolls everything back and leaves the old
 * configuration in force. Offline: the store only (the settings arrive from head office, but
 * applying them needs no network).
 */
final class PushedSettings {
    private final OfficeDatabase db;
    private final Supplier<OfficeConfig> inForce;
    private final Consumer<OfficeConfig> putInForce;
    private final WaitingEstimate estimate;

    /**
     * @param inForce    the configuration in force
     * @param putInForce replaces it, called inside the applying transaction
     */
    PushedSettings(OfficeDatabase db, Supplier<OfficeConfig> inForce, Consumer<OfficeConfig> putInForce, WaitingEstimate estimate) {
        this.db = db;
        this.inForce = inForce;
        this.putInForce = putInForce;
        this.estimate = estimate;
    }

    /** Gives every counter of {@code config} its row (a counter already there keeps it). */
    void addCounters(OfficeConfig config) {
        db.transaction(c -> {
            addCounters(c, config);
            return null;
        });
    }

    private static void addCounters(Connection c, OfficeConfig config) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO counters (number) VALUES (?)")) {
            for (CounterConfig counter : config.counters()) {
                s.setInt(1, counter.number());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Puts {@code next} in force unless it must wait or is refused (above); {@code record} runs in
     * the same transaction (the node keeps the version it applied).
     *
     * @return null when applied, else why it waits
     * @throws SettingsRefusedException when the settings cannot be applied as they are
     */
    SettingsWait apply(OfficeConfig next, OfficeDatabase.Work<Void> record) {
        OfficeConfig current = inForce.get();
        if (!next.officeId().equals(current.officeId()) || !next.zone().equals(current.zone())) {
            throw new SettingsRefusedException("OTHER_OFFICE", List.of(), "the settings are for another office or time zone");
        }
        SettingsWait wait = db.transaction(c -> {
            OfficeConfig now = inForce.get();
            SettingsWait busy = busyCounter(c, now, next);
            if (busy != null) {
                return busy;
            }
            refuseCategoryInUse(c, now, next);
            addCounters(c, next);
            record.run(c);
            putInForce.accept(next);
            estimate.settingsChanged(next);
            return null;
        });
        if (wait == null) {
            estimate.wake();
        }
        return wait;
    }

    /** The first counter calling or serving someone whose settings change (or that goes away), or null. */
    private static SettingsWait busyCounter(Connection c, OfficeConfig now, OfficeConfig next) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT number, current_ticket FROM counters WHERE current_ticket IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int n = rs.getInt(1);
                Optional<CounterConfig> before = now.counter(n);
                if (before.isPresent() && !before.equals(next.counter(n))) {
                    String number = rs.getString(2).substring(rs.getString(2).indexOf('/') + 1);
                    return new SettingsWait("COUNTER_BUSY", List.of(String.valueOf(n), number),
                            "counter " + n + " is calling or serving " + number + "; the settings apply after that call");
                }
            }
        }
        return null;
    }

    private static void refuseCategoryInUse(Connection c, OfficeConfig now, OfficeConfig next) throws SQLException {
        for (CategoryConfig gone : now.categories()) {
            if (next.category(gone.code()).isPresent()) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tickets WHERE category = ? AND state IN ('WAITING', 'CALLED', 'SERVING')")) {
                s.setString(1, gone.code());
                try (ResultSet rs = s.executeQuery()) {
                    int left = rs.next() ? rs.getInt(1) : 0;
                    if (left > 0) {
                        throw new SettingsRefusedException("CATEGORY_IN_USE", List.of(gone.code(), String.valueOf(left)),
                                "category " + gone.code() + " still has " + left
                                + " ticket(s) waiting or at a counter; remove it after they are served or the office closes");
                    }
                }
            }
        }
    }
}
