package tw.jiaohao.forecast.staffing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The advice in a manager's words, zh-TW and en: consecutive hours with the same counters make
 * one line, "10:00–11:00: 4 counters (1, 2, 3, 5), one of them serving only A". Counters that
 * serve a single category are named as such, and so are categories no open counter serves; the
 * rest is the office's own counter profiles (the page lists them).
 */
public final class Words {
    private Words() {
    }

    /** One line per run of hours with the same open counters. */
    public record Line(int fromHour, int toHour, List<Integer> counters, String text) {
        public Line {
            counters = List.copyOf(counters);
        }
    }

    public static List<Line> lines(Plan plan, Locale locale) {
        Office office = plan.office();
        List<Line> out = new ArrayList<>();
        int from = office.firstHour();
        for (int h = office.firstHour() + 1; h <= office.lastHour() + 1; h++) {
            if (h <= office.lastHour() && plan.numbers(h).equals(plan.numbers(from))) {
                continue;
            }
            List<Integer> numbers = plan.numbers(from);
            out.add(new Line(from, h, numbers, String.format("%02d:00–%02d:00%s %s", from, h, zh(locale) ? "：" : ":",
                    counters(office, numbers, locale))));
            from = h;
        }
        return out;
    }

    /** "4 counters (1, 2, 3, 5), one of them serving only A" / 「4 個櫃台（1、2、3、5），其中 1 個只辦 A」. */
    public static String counters(Office office, List<Integer> numbers, Locale locale) {
        boolean zh = zh(locale);
        if (numbers.isEmpty()) {
            return zh ? "不開櫃台" : "no counter open";
        }
        Map<String, Integer> only = new LinkedHashMap<>();
        java.util.Set<String> served = new java.util.TreeSet<>();
        for (Office.Counter k : office.counters()) {
            if (numbers.contains(k.number())) {
                served.addAll(k.serves());
                if (k.serves().size() == 1 && office.categories().size() > 1) {
                    only.merge(k.serves().get(0), 1, Integer::sum);
                }
            }
        }
        List<String> unserved = office.categories().stream().filter(c -> !served.contains(c)).toList();
        String list = String.join(zh ? "、" : ", ", numbers.stream().map(String::valueOf).toList());
        StringBuilder b = new StringBuilder();
        if (zh) {
            b.append(numbers.size()).append(" 個櫃台（").append(list).append("）");
        } else {
            b.append(numbers.size()).append(numbers.size() == 1 ? " counter (" : " counters (").append(list).append(")");
        }
        List<String> parts = new ArrayList<>();
        for (var e : only.entrySet()) {
            int n = e.getValue();
            if (zh) {
                parts.add("其中 " + n + " 個只辦 " + e.getKey());
            } else if (numbers.size() == 1) {
                parts.add("serving only " + e.getKey());
            } else {
                parts.add(number(n) + (n == 1 ? " of them" : "") + " serving only " + e.getKey());
            }
        }
        if (!unserved.isEmpty()) {
            parts.add(zh ? "無櫃台辦 " + join(unserved, true) : "none serving " + join(unserved, false));
        }
        if (!parts.isEmpty()) {
            b.append(zh ? "，" : ", ").append(String.join(zh ? "，" : ", ", parts));
        }
        return b.toString();
    }

    private static String join(List<String> cats, boolean zh) {
        if (cats.size() == 1) {
            return cats.get(0);
        }
        if (zh) {
            return String.join("、", cats);
        }
        return String.join(", ", cats.subList(0, cats.size() - 1)) + " and " + cats.get(cats.size() - 1);
    }

    private static String number(int n) {
        return switch (n) {
            case 1 -> "one";
            case 2 -> "two";
            case 3 -> "three";
            default -> String.valueOf(n);
        };
    }

    static boolean zh(Locale locale) {
        return locale.getLanguage().equals("zh");
    }
}
