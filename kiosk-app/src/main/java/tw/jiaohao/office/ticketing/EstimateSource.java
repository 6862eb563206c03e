package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.forecast.Arrivals;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.forecast.Forecaster;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.forecast.OfficeState;
import tw.jiaohao.forecast.ServiceModel;

/**
 * The forecast's adapter on the office node: reads the office now (waiting tickets, counters,
 * today's issues) and its history (finished services of the last {@value #HISTORY_DAYS} days,
 * no-shows, transfers, usual arrivals by hour) from the store, and asks the pure
 * {@link Forecaster}. The learned service model is rebuilt at most every
 * {@value #REFIT_MINUTES} minutes (and when the office day changes), not per estimate.
 */
final class EstimateSource {
    static final int HISTORY_DAYS = 28;
    static final int REFIT_MINUTES = 30;
    /** Newest finished services used for learning. */
    static final int MAX_SAMPLES = 6_000;

    /** What one read of the store gives: the state now and the model to sample it with. */
    record Inputs(OfficeState state, ServiceModel model) {
        Estimate estimate(String category) {
            return FORECASTER.forecast(state, model, category);
        }
    }

    private static final Forecaster FORECASTER = new Forecaster();

    private final OfficeConfig config;
    private final ZoneId zone;
    private ServiceModel model;
    private double[][] usual;
    private Instant fittedAt;
    private LocalDate fittedDay;

    EstimateSource(OfficeConfig config) {
        this.config = config;
        this.zone = config.zone();
    }

    /** The categories this source forecasts, in the settings' order. */
    List<String> categories() {
        return config.categories().stream().map(CategoryConfig::code).toList();
    }

    synchronized Inputs read(Connection c, LocalDate day, Instant now) throws SQLException {
        if (model == null || !day.equals(fittedDay) || now.isBefore(fittedAt)
                || Duration.between(fittedAt, now).toMinutes() >= REFIT_MINUTES) {
            fit(c, day);
            fittedAt = now;
            fittedDay = day;
        }
        List<String> codes = config.categories().stream().map(CategoryConfig::code).toList();
        List<OfficeState.WaitingTicket> waiting = new ArrayList<>();
        long firstIssue = now.toEpochMilli();
        try (PreparedStatement s = c.prepareStatement("SELECT category, issued_at FROM tickets WHERE office_day = ? AND state = 'WAITING'")) {
            s.setString(1, day.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (codes.contains(r.getString(1))) {
                        waiting.add(new OfficeState.WaitingTicket(r.getString(1), Math.max(0, (now.toEpochMilli() - r.getLong(2)) / 60_000.0)));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(issued_at) FROM tickets WHERE office_day = ? AND transferred_from IS NULL")) {
            s.setString(1, day.toString());
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getObject(1) != null) {
                    firstIssue = Math.min(firstIssue, r.getLong(1));
                }
            }
        }
        Map<Integer, Object[]> atCounter = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT k.number, k.open, t.category, t.called_at, t.issued_at FROM counters k "
                + "LEFT JOIN tickets t ON t.ticket_id = k.current_ticket"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                atCounter.put(r.getInt(1), new Object[] {r.getInt(2) == 1, r.getString(3), r.getObject(4) == null ? null : r.getLong(4),
                        r.getObject(5) == null ? null : r.getLong(5)});
            }
        }
        List<OfficeState.CounterNow> counters = new ArrayList<>();
        java.time.LocalDateTime localNow = java.time.LocalDateTime.ofInstant(now, zone);
        for (CounterConfig k : config.counters()) {
            Object[] row = atCounter.getOrDefault(k.number(), new Object[] {false, null, null, null});
            boolean open = (Boolean) row[0];
            String busyCategory = row[1] != null && row[2] != null && codes.contains((String) row[1]) ? (String) row[1] : null;
            double busy = busyCategory == null ? -1 : Math.max(0, (now.toEpochMilli() - (Long) row[2]) / 60_000.0);
            // the original issue time (a transferred ticket keeps it): where the customer rejoins if sent on
            double issuedAgo = busyCategory == null || row[3] == null ? busy : Math.max(busy, (now.toEpochMilli() - (Long) row[3]) / 60_000.0);
            double[] lunch = config.hours().lunchAhead(k.number(), localNow);
            counters.add(new OfficeState.CounterNow(k.number(), k.serves(), open ? 0 : Double.POSITIVE_INFINITY, busy, busyCategory,
                    issuedAgo, lunch == null ? List.of() : List.<double[]>of(lunch)));
        }
        double window = Math.min(Arrivals.WINDOW_MINUTES, Math.max(0, (now.toEpochMilli() - firstIssue) / 60_000.0));
        int[] recent = new int[codes.size()];
        int[] today = new int[codes.size()];
        try (PreparedStatement s = c.prepareStatement("SELECT category, COUNT(*), SUM(CASE WHEN issued_at > ? THEN 1 ELSE 0 END) "
                + "FROM tickets WHERE office_day = ? AND transferred_from IS NULL GROUP BY category")) {
            s.setLong(1, now.toEpochMilli() - (long) (window * 60_000));
            s.setString(2, day.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int i = codes.indexOf(r.getString(1));
                    if (i >= 0) {
                        today[i] = r.getInt(2);
                        recent[i] = r.getInt(3);
                    }
                }
            }
        }
        LocalTime local = LocalTime.ofInstant(now, zone);
        double[] usualNow = new double[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            usualNow[i] = usual[local.getHour()][i];
        }
        double[] perMinute = Arrivals.perMinute(recent, window, today, usualNow);
        Map<String, Double> rates = new HashMap<>();
        Map<String, Double> issuingEnds = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            rates.put(codes.get(i), perMinute[i]);
            final String code = codes.get(i);
            config.hours().lastTicket(code, day).ifPresent(last ->
                    issuingEnds.put(code, Math.max(0, Duration.between(localNow, last).toMillis() / 60_000.0)));
        }
        Set<String> priority = config.categories().stream().filter(CategoryConfig::priority).map(CategoryConfig::code).collect(Collectors.toSet());
        OfficeState state = new OfficeState(codes, priority, waiting, counters, rates, config.starvationCeiling().toMinutes(),
                local.getHour() * 60 + local.getMinute(), Arrivals.evidenceMinutes(window), issuingEnds);
        return new Inputs(state, model);
    }

    /** Learns the service model and the usual arrivals from the last {@value #HISTORY_DAYS} days. */
    private void fit(Connection c, LocalDate day) throws SQLException {
        String from = day.minusDays(HISTORY_DAYS).toString();
        List<LearnedServiceModel.Sample> samples = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT category, counter, serving_at, ended_at FROM tickets WHERE office_day >= ? "
                + "AND state = 'DONE' AND serving_at IS NOT NULL AND ended_at > serving_at AND counter IS NOT NULL ORDER BY ended_at DESC LIMIT ?")) {
            s.setString(1, from);
            s.setInt(2, MAX_SAMPLES);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (config.category(r.getString(1)).isPresent()) {
                        int hour = LocalTime.ofInstant(Instant.ofEpochMilli(r.getLong(3)), zone).getHour();
                        samples.add(new LearnedServiceModel.Sample(r.getString(1), r.getInt(2), hour, (r.getLong(4) - r.getLong(3)) / 60_000.0));
                    }
                }
            }
        }
        double callToStart = scalar(c, "SELECT AVG(serving_at - called_at) / 60000.0 FROM tickets WHERE office_day >= ? "
                + "AND serving_at IS NOT NULL AND called_at IS NOT NULL AND serving_at >= called_at", from, LearnedServiceModel.DEFAULT_CALL_TO_START);
        // the clerk's time between finishing one customer and calling the next, when someone was waiting
        double turnaround = scalar(c, "SELECT AVG(gap) / 60000.0 FROM (SELECT called_at - LAG(ended_at) OVER (PARTITION BY office_day, counter "
                + "ORDER BY called_at) AS gap FROM tickets WHERE office_day >= ? AND called_at IS NOT NULL AND counter IS NOT NULL) "
                + "WHERE gap BETWEEN 0 AND 120000", from, 0);
        double calls = scalar(c, "SELECT COUNT(*) FROM tickets WHERE office_day >= ? AND called_at IS NOT NULL", from, 0);
        double noShows = scalar(c, "SELECT COUNT(*) FROM tickets WHERE office_day >= ? AND state = 'NO_SHOW'", from, 0);
        double noShowMinutes = scalar(c, "SELECT AVG(ended_at - called_at) / 60000.0 FROM tickets WHERE office_day >= ? "
                + "AND state = 'NO_SHOW' AND ended_at >= called_at", from, LearnedServiceModel.DEFAULT_NO_SHOW_MINUTES);
        double transferred = scalar(c, "SELECT COUNT(*) FROM tickets WHERE office_day >= ? AND state = 'TRANSFERRED'", from, 0);
        double served = scalar(c, "SELECT COUNT(*) FROM tickets WHERE office_day >= ? AND state IN ('DONE', 'TRANSFERRED')", from, 0);
        Map<String, Double> targets = new HashMap<>();
        Map<String, Map<String, Double>> bySource = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT f.category, t.category, COUNT(*) FROM tickets t "
                + "JOIN tickets f ON f.ticket_id = t.transferred_from WHERE t.office_day >= ? GROUP BY f.category, t.category")) {
            s.setString(1, from);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bySource.computeIfAbsent(r.getString(1), x -> new HashMap<>()).put(r.getString(2), r.getDouble(3));
                }
            }
        }
        List<String> codes = config.categories().stream().map(CategoryConfig::code).toList();
        usual = new double[24][codes.size()];
        Map<String, Integer> days = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT category, issued_at, office_day, transferred_from FROM tickets "
                + "WHERE office_day >= ? AND office_day < ?")) {
            s.setString(1, from);
            s.setString(2, day.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int i = codes.indexOf(r.getString(1));
                    if (i < 0) {
                        continue;
                    }
                    if (r.getString(4) != null) {
                        targets.merge(r.getString(1), 1.0, Double::sum);
                        continue;
                    }
                    usual[LocalTime.ofInstant(Instant.ofEpochMilli(r.getLong(2)), zone).getHour()][i]++;
                    days.put(r.getString(3), 1);
                }
            }
        }
        for (double[] hour : usual) {
            for (int i = 0; i < hour.length; i++) {
                hour[i] = days.isEmpty() ? 0 : hour[i] / days.size() / 60.0;
            }
        }
        Map<String, Double> medians = new HashMap<>();
        config.categories().forEach(k -> medians.put(k.code(), k.serviceMinutes()));
        double noShowShare = calls == 0 ? LearnedServiceModel.DEFAULT_NO_SHOW_SHARE : Math.min(0.5, noShows / calls);
        model = LearnedServiceModel.fit(samples, medians, callToStart + turnaround, noShowShare, noShowMinutes,
                served == 0 ? 0 : Math.min(0.5, transferred / served), targets, bySource);
    }

    private static double scalar(Connection c, String sql, String from, double otherwise) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, from);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getObject(1) != null ? r.getDouble(1) : otherwise;
            }
        }
    }
}
