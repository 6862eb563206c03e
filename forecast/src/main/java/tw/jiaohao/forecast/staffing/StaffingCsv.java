package tw.jiaohao.forecast.staffing;

import java.util.List;
import java.util.Locale;

/**
 * The advice and a what-if as CSV rows (RFC 4180 quoting, no formula-leading cells), one row per
 * office hour, so an adapter serving them (the hub's export) only adds the byte-order mark and the
 * HTTP headers: {@code date,hour,counters,counter_numbers,tickets_expected,share_within_target,
 * p50_wait_min,p90_wait_min,erlang_c_counters,words}. Empty cells where an hour has no tickets.
 */
public final class StaffingCsv {
    public static final String HEADER = "date,hour,counters,counter_numbers,tickets_expected,share_within_target,p50_wait_min,p90_wait_min,erlang_c_counters,words";

    private StaffingCsv() {
    }

    /** The rows of one day's advice (the header first). */
    public static String advice(StaffingEngine.Advice advice, Locale locale) {
        return rows(advice.forecast().date().toString(), advice.plan(), advice.outlook(), advice.erlang(), locale);
    }

    /** The rows of a what-if (no Erlang-C column values). */
    public static String whatIf(String date, Plan plan, Outlook outlook, Locale locale) {
        return rows(date, plan, outlook, null, locale);
    }

    private static String rows(String date, Plan plan, Outlook outlook, Plan erlang, Locale locale) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        for (Outlook.Hour h : outlook.hours()) {
            List<Integer> numbers = plan.numbers(h.hour());
            b.append(cell(date)).append(',')
                    .append(String.format("%02d:00", h.hour())).append(',')
                    .append(numbers.size()).append(',')
                    .append(cell(String.join(" ", numbers.stream().map(String::valueOf).toList()))).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", h.tickets())).append(',')
                    .append(Double.isNaN(h.shareWithin()) ? "" : String.format(Locale.ROOT, "%.3f", h.shareWithin())).append(',')
                    .append(Double.isNaN(h.p50Minutes()) ? "" : String.format(Locale.ROOT, "%.1f", h.p50Minutes())).append(',')
                    .append(Double.isNaN(h.p90Minutes()) ? "" : String.format(Locale.ROOT, "%.1f", Math.min(h.p90Minutes(), 24 * 60))).append(',')
                    .append(erlang == null ? "" : String.valueOf(erlang.count(h.hour()))).append(',')
                    .append(cell(Words.counters(plan.office(), numbers, locale)))
                    .append("\r\n");
        }
        return b.toString();
    }

    static String cell(String s) {
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
