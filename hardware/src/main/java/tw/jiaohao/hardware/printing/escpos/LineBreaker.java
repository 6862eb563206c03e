package tw.jiaohao.hardware.printing.escpos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Where a printed line may break. Chinese (and other CJK) text may break between any two characters;
 * a run of anything else without a space (an English word, a number, a masked phone such as
 * {@code 0912***678}, a case number, a URL) is kept whole and moved to the next line when it does
 * not fit. Only a run wider than a whole line is cut, at the last character that fits.
 *
 * <p>CJK closing punctuation (，。、」…) never starts a line and opening punctuation (「（…) never
 * ends one: each sticks to its neighbour. Spaces at a break are dropped.
 *
 * <p>Pure and thread-safe; widths come from the caller (printer columns or font metrics).
 */
public final class LineBreaker {
    private static final String CLOSING = "，。、；：！？）」』】〉》〕…％,.;:!?)]}%";
    private static final String OPENING = "（「『【〈《〔";

    private LineBreaker() {
    }

    /**
     * @param text     the paragraph
     * @param width    the width of one code point, in the same unit as {@code maxWidth}
     * @param maxWidth the width of one line; at least the widest single character
     * @return the lines, at least one (empty text gives one empty line)
     */
    public static List<String> wrap(String text, IntUnaryOperator width, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (String token : tokens(text)) {
            if (isSpace(token)) {
                if (line.length() > 0) {
                    line.append(token);
                    used += widthOf(token, width);
                }
                continue;
            }
            int w = widthOf(token, width);
            if (used + w > maxWidth && line.length() > 0) {
                lines.add(strip(line.toString()));
                line.setLength(0);
                used = 0;
            }
            if (w > maxWidth) {
                // Longer than a whole line (a long URL): the only place left to cut is inside it.
                for (int i = 0; i < token.length(); ) {
                    int cp = token.codePointAt(i);
                    int cw = width.applyAsInt(cp);
                    if (used + cw > maxWidth && line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                        used = 0;
                    }
                    line.appendCodePoint(cp);
                    used += cw;
                    i += Character.charCount(cp);
                }
                continue;
            }
            line.append(token);
            used += w;
        }
        String last = strip(line.toString());
        if (!last.isEmpty() || lines.isEmpty()) {
            lines.add(last);
        }
        return lines;
    }

    /**
     * Splits text into unbreakable pieces: one CJK character (with any punctuation that sticks to
     * it), one run of other non-space characters, or a single space.
     */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean openPending = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || cp == '\u3000') {
                flush(out, run);
                openPending = false;
                out.add(new String(Character.toChars(cp)));
            } else if (CLOSING.indexOf(cp) >= 0 && (isCjk(cp) || run.length() > 0 || out.isEmpty() || !isSpace(out.get(out.size() - 1)))) {
                if (run.length() == 0 && !out.isEmpty() && !isSpace(out.get(out.size() - 1))) {
                    run.append(out.remove(out.size() - 1));
                }
                run.appendCodePoint(cp);
                if (isCjk(cp)) {
                    flush(out, run);
                }
            } else if (OPENING.indexOf(cp) >= 0) {
                if (!openPending) {
                    flush(out, run);
                }
                run.appendCodePoint(cp);
                openPending = true;
            } else if (isCjk(cp)) {
                if (!openPending) {
                    flush(out, run);
                }
                run.appendCodePoint(cp);
                openPending = false;
                flushKeepingClosers(out, run, text, i);
            } else {
                if (!openPending && run.length() > 0 && isCjk(run.codePointBefore(run.length()))) {
                    flush(out, run);
                }
                openPending = false;
                run.appendCodePoint(cp);
            }
        }
        flush(out, run);
        return out;
    }

    /** A CJK character is its own piece unless closing punctuation follows, which joins it. */
    private static void flushKeepingClosers(List<String> out, StringBuilder run, String text, int next) {
        if (next < text.length() && CLOSING.indexOf(text.codePointAt(next)) >= 0) {
            return;
        }
        flush(out, run);
    }

    private static void flush(List<String> out, StringBuilder run) {
        if (run.length() > 0) {
            out.add(run.toString());
            run.setLength(0);
        }
    }

    private static String strip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.substring(end - 1, end))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isSpace(String token) {
        return token.length() == 1 && (Character.isWhitespace(token.charAt(0)) || token.charAt(0) == '\u3000');
    }

    private static int widthOf(String s, IntUnaryOperator width) {
        return s.codePoints().map(width).sum();
    }

    /** Scripts written without spaces, where a line may break between any two characters. */
    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.BOPOMOFO
                || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && !Character.isLetterOrDigit(cp);
    }
}
