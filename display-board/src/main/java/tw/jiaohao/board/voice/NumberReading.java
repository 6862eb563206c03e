package tw.jiaohao.board.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * How numbers are read aloud. The convention (see docs/display-board/README.md): a ticket's
 * digits are read as one cardinal number, spoken whole, the way a Taiwanese counter hall says it —
 * A001 「A 一 號」, A010 「A 十 號」, A023 「A 二十三 號」, B105 「B 一百零五 號」 — never digit by
 * digit with leading zeros ("O-O-one"). Hundreds of 2 are 「兩百」 as spoken in Taiwan; a zero
 * inside a number is 「零」 (一百零五). Counters read the same way: 「三 號櫃台」, 「十二 號櫃台」.
 */
public final class NumberReading {
    private static final String[] EN_ONES = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
            "11", "12", "13", "14", "15", "16", "17", "18", "19"};

    private NumberReading() {
    }

    /**
     * Mandarin clips for 1..999, each number spoken whole (one clip with its own prosody, never
     * syllable by syllable): 1..99 one clip ({@code zh/num-23} 「二十三」); a round hundred one clip
     * ({@code zh/num-200} 「兩百」); any other number over 100 its hundred and then the rest as
     * said inside it — {@code zh/num-05} 「零五」, {@code zh/num-i15} 「一十五」 or the whole
     * {@code zh/num-23} — two clips at most.
     */
    public static List<Clip> mandarin(int n) {
        check(n);
        if (n < 100) {
            return List.of(Clip.zh("num-" + n));
        }
        Clip hundred = Clip.zh("num-" + (n / 100) + "00");
        int rest = n % 100;
        if (rest == 0) {
            return List.of(hundred);
        }
        Clip inside = rest < 10 ? Clip.zh("num-0" + rest) : rest < 20 ? Clip.zh("num-i" + rest) : Clip.zh("num-" + rest);
        return List.of(hundred, inside);
    }

    /** English clips for 1..999: "one hundred five", "twenty three", "twelve". */
    public static List<Clip> english(int n) {
        check(n);
        List<Clip> out = new ArrayList<>();
        int hundreds = n / 100;
        int rest = n % 100;
        if (hundreds > 0) {
            out.add(Clip.en(EN_ONES[hundreds]));
            out.add(Clip.en("hundred"));
        }
        if (rest == 0) {
            return out;
        }
        if (rest < 20) {
            out.add(Clip.en(EN_ONES[rest]));
        } else {
            out.add(Clip.en(String.valueOf(rest / 10 * 10)));
            if (rest % 10 > 0) {
                out.add(Clip.en(EN_ONES[rest % 10]));
            }
        }
        return out;
    }

    private static void check(int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("numbers are read for 1..999, got " + n);
        }
    }
}
