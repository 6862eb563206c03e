package tw.jiaohao.hub.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTML escaping and the number formats of the pages. Every value from data goes through {@link #esc}. */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Html() {
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Seconds as m:ss (or h:mm:ss); "–" for none. */
    /**
     * A duration people cannot mistake for a clock time: "8 分 22 秒" / "8 min 22 s" under an
     * hour, "1 小時 20 分" / "1 h 20 min" from an hour on (seconds no longer matter there).
     */
    static String duration(Double seconds, I18n t) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.round(seconds);
        boolean zh = !"en".equals(t.lang());
        if (s >= 3600) {
            long m = s / 60; // whole minutes, as a clock shows them
            return zh ? (m / 60) + " 小時 " + (m % 60) + " 分" : (m / 60) + " h " + (m % 60) + " min";
        }
        if (s >= 60) {
            return zh ? (s / 60) + " 分 " + (s % 60) + " 秒" : (s / 60) + " min " + (s % 60) + " s";
        }
        return zh ? s + " 秒" : s + " s";
    }

    static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String rating(Double mean) {
        return mean == null ? "–" : String.format(Locale.ROOT, "%.2f", mean);
    }

    static String number(Integer n) {
        return n == null ? "–" : n.toString();
    }

    static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }
}
