package tw.jiaohao.board.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * How numbers are read aloud. The convention (see docs/display-board/README.md): a ticket's
 * digits are read as one cardinal number, the way a Taiwanese counter hall says it —
 * A001 「A 一 號」, A010 「A 十 號」, A023 「A 二十三 號」, B105 「B 一百零五 號」 — never digit by
 * digit with leading zeros ("O-O-one"). Hundreds of 2 are 「兩百」 as spoken in Taiwan; a zero
 * inside a number is 「零」 (一百零五). Counters read the same way: 「三 號櫃台」, 「十二 號櫃台」.
 */
public final class NumberReading {
    private static final String[] EN_ONES = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
            "11", "12", "13", "14", "15", "16", "17", "18", "19"};

    private NumberReading() {
    }

    /** Mandarin clips for 1..999. */
    public static List<Clip> mandarin(int n) {
        check(n);
        List<Clip> out = new ArrayList<>();
        int hundreds = n / 100;
        int rest = n % 100;
        if (hundreds > 0) {
            out.add(hundreds == 2 ? Clip.zh("liang") : Clip.zh(String.valueOf(hundreds)));
            out.add(Clip.zh("bai"));
            if (rest == 0) {
                return out;
            }
            if (rest < 10) {
                out.add(Clip.zh("0"));
                out.add(Clip.zh(String.valueOf(rest)));
                return out;
            }
            if (rest < 20) {
                // 一百一十五: inside a larger number the ten takes its 一
                out.add(Clip.zh("1"));
            }
        }
        int tens = rest / 10;
        int ones = rest % 10;
        if (tens >= 2) {
            out.add(Clip.zh(String.valueOf(tens)));
        }
        if (tens >= 1) {
            out.add(Clip.zh("shi"));
        }
        if (ones > 0) {
            out.add(Clip.zh(String.valueOf(ones)));
        }
        return out;
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
