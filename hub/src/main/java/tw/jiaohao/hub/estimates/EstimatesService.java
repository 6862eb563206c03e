package tw.jiaohao.hub.estimates;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tw.jiaohao.hub.HubException;

/**
 * The "quoted vs actual" figures of an office (see {@link QuotedVsActual}), read through the
 * {@link QuotedSource} port; the office's zone and category names come from the caller
 * (the report service's view of the live state). Thread-safe.
 */
public final class EstimatesService {
    /** Longest range one request may ask for (as the other reports). */
    public static final int MAX_DAYS = 400;

    private final QuotedSource source;
    private final Function<String, ZoneId> zones;
    private final Function<String, Map<String, String>> categoryNames;

    public EstimatesService(QuotedSource source, Function<String, ZoneId> zones, Function<String, Map<String, String>> categoryNames) {
        this.source = source;
        this.zones = zones;
        this.categoryNames = categoryNames;
    }

    /** Figures of {@code office} over {@code [from, to]} for tickets issued in the local hours {@code [fromHour, toHour)}. */
    public QuotedVsActual quotedVsActual(String office, LocalDate from, LocalDate to, int fromHour, int toHour) {
        if (from.isAfter(to)) {
            throw new HubException("the range starts (" + from + ") after it ends (" + to + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new HubException("a range may span at most " + MAX_DAYS + " days");
        }
        if (fromHour < 0 || toHour > 24 || fromHour >= toHour) {
            throw new HubException("the hours must be a range within 0-24 such as 14-15, got " + fromHour + "-" + toHour);
        }
        ZoneId zone = zones.apply(office);
        Map<String, Accuracy.Builder[]> cells = new TreeMap<>();
        source.quotedTickets(office, from, to, (category, issuedAt, calledAt, estimate, low, high) -> {
            int hour = issuedAt.atZone(zone).getHour();
            if (hour >= fromHour && hour < toHour) {
                double actual = Duration.between(issuedAt, calledAt).toMillis() / 60_000.0;
                Accuracy.Builder[] byHour = cells.computeIfAbsent(category, c -> new Accuracy.Builder[24]);
                if (byHour[hour] == null) {
                    byHour[hour] = new Accuracy.Builder();
                }
                byHour[hour].add(actual, estimate, low, high);
            }
        });
        Map<String, String> names = categoryNames.apply(office);
        List<QuotedVsActual.Row> rows = new ArrayList<>();
        List<QuotedVsActual.Row> byCategory = new ArrayList<>();
        Accuracy.Builder[] hours = new Accuracy.Builder[24];
        Accuracy.Builder all = new Accuracy.Builder();
        cells.forEach((category, byHour) -> {
            String label = names.getOrDefault(category, category);
            Accuracy.Builder cat = new Accuracy.Builder();
            for (int h = fromHour; h < toHour; h++) {
                if (byHour[h] != null) {
                    rows.add(new QuotedVsActual.Row(category, label, h, byHour[h].build()));
                    cat.addAll(byHour[h]);
                    if (hours[h] == null) {
                        hours[h] = new Accuracy.Builder();
                    }
                    hours[h].addAll(byHour[h]);
                }
            }
            byCategory.add(new QuotedVsActual.Row(category, label, -1, cat.build()));
            all.addAll(cat);
        });
        List<QuotedVsActual.Row> hourRows = new ArrayList<>();
        for (int h = fromHour; h < toHour; h++) {
            hourRows.add(new QuotedVsActual.Row(null, null, h, (hours[h] == null ? new Accuracy.Builder() : hours[h]).build()));
        }
        return new QuotedVsActual(office, from, to, fromHour, toHour, rows, byCategory, hourRows,
                new QuotedVsActual.Row(null, null, -1, all.build()));
    }

    /** Every category and hour of the last {@code days} office-days up to {@code today}. */
    public Accuracy recent(String office, LocalDate today, int days) {
        return quotedVsActual(office, today.minusDays(days - 1L), today, 0, 24).total().figures();
    }
}
