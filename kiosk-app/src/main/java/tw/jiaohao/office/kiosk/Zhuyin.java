package tw.jiaohao.office.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 注音 (bopomofo) readings of the characters, for typing a Chinese name on the touchscreen.
 *
 * <p>Everything comes from Debian's Rime data, read at start from {@code selfservice.zhuyin-dir}
 * (default {@code /usr/share/rime-data}): the characters, their pinyin readings with tones and
 * their frequencies from {@code build/terra_pinyin.table.txt} (package rime-data-terra-pinyin),
 * and the spelling rules that turn a pinyin syllable into 注音 from {@code zhuyin.yaml} and
 * {@code bopomofo.schema.yaml} (package rime-data-bopomofo), applied as Rime applies them. Only
 * the order in which common surnames come first is the kiosk's own ({@code common-surnames.txt}).
 *
 * <p>A reading is the symbols as typed: initial, medial, final and tone mark, tone 1 written
 * {@code ˉ} (the key a customer taps), e.g. {@code ㄌㄧㄣˊ} for 林, {@code ㄐㄩㄣˉ} for 君.
 * Immutable and thread-safe once loaded.
 */
public final class Zhuyin {
    /** The symbols of a syllable, in the order of the standard table; then the tone marks, tone 1 first. */
    public static final String INITIALS = "ㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄓㄔㄕㄖㄗㄘㄙ";
    public static final String MEDIALS = "ㄧㄨㄩ";
    public static final String FINALS = "ㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦ";
    public static final String TONES = "ˉˊˇˋ˙";

    private static final Pattern XFORM = Pattern.compile("^\\s*-\\s*xform/([^/]*)/([^/]*)/");
    private static final Pattern XLIT = Pattern.compile("xlit\\|([^|]*)\\|([^|]*)\\|");

    private record Entry(String character, double weight) {
    }

    private final Map<String, List<Entry>> byReading;
    private final Map<String, List<Entry>> byToneless;
    private final Map<String, Integer> surnameRank;
    private final int characters;

    private Zhuyin(Map<String, List<Entry>> byReading, Map<String, Integer> surnameRank, int characters) {
        this.byReading = byReading;
        this.surnameRank = surnameRank;
        this.characters = characters;
        Map<String, Map<String, Double>> merged = new HashMap<>();
        byReading.forEach((reading, entries) -> {
            Map<String, Double> m = merged.computeIfAbsent(toneless(reading), k -> new LinkedHashMap<>());
            for (Entry e : entries) {
                m.merge(e.character(), e.weight(), Math::max);
            }
        });
        Map<String, List<Entry>> t = new HashMap<>();
        merged.forEach((k, m) -> t.put(k, sorted(m.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList())));
        this.byToneless = t;
    }

    /**
     * Reads the Rime data under {@code rimeDir}.
     *
     * @throws IOException              a file is missing or unreadable (the packages are not installed)
     * @throws IllegalArgumentException a file is there but not as expected
     */
    public static Zhuyin load(Path rimeDir) throws IOException {
        Path rules = rimeDir.resolve("zhuyin.yaml");
        Path schema = rimeDir.resolve("bopomofo.schema.yaml");
        Path table = rimeDir.resolve("build").resolve("terra_pinyin.table.txt");
        List<String[]> forms = new ArrayList<>();
        String[] keymap = null;
        boolean inPinyinToZhuyin = false;
        for (String line : Files.readAllLines(rules, StandardCharsets.UTF_8)) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inPinyinToZhuyin = line.startsWith("pinyin_to_zhuyin:");
            }
            Matcher x = XFORM.matcher(line);
            if (inPinyinToZhuyin && x.find()) {
                forms.add(new String[] {x.group(1), x.group(2)});
            }
            Matcher l = XLIT.matcher(line);
            if (line.contains("xlit") && l.find() && keymap == null) {
                keymap = new String[] {l.group(1), l.group(2)};
            }
        }
        String[] symbols = null;
        boolean inTranslator = false;
        for (String line : Files.readAllLines(schema, StandardCharsets.UTF_8)) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inTranslator = line.startsWith("translator:");
            }
            Matcher l = XLIT.matcher(line);
            if (inTranslator && l.find()) {
                symbols = new String[] {l.group(1), l.group(2)};
            }
        }
        if (forms.size() < 10 || keymap == null || symbols == null || keymap[0].length() != keymap[1].length()
                || symbols[0].length() != symbols[1].length()) {
            throw new IllegalArgumentException(rules + " / " + schema + ": the pinyin-to-注音 rules are not as expected");
        }
        Map<Character, Character> keyToSymbol = new HashMap<>();
        for (int i = 0; i < symbols[0].length(); i++) {
            keyToSymbol.put(symbols[0].charAt(i), symbols[1].charAt(i));
        }
        Map<Character, Character> letterToSymbol = new HashMap<>();
        for (int i = 0; i < keymap[0].length(); i++) {
            Character s = keyToSymbol.get(keymap[1].charAt(i));
            if (s != null) {
                letterToSymbol.put(keymap[0].charAt(i), s);
            }
        }
        List<Pattern> patterns = forms.stream().map(f -> Pattern.compile(f[0])).toList();
        Map<String, String> spelled = new HashMap<>();
        Map<String, List<Entry>> byReading = new HashMap<>();
        int count = 0;
        try (BufferedReader r = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.codePointCount(0, tab) != 1) {
                    continue; // phrases: a name is typed a character at a time
                }
                int tab2 = line.indexOf('\t', tab + 1);
                String pinyin = tab2 < 0 ? line.substring(tab + 1) : line.substring(tab + 1, tab2);
                double weight = tab2 < 0 ? 0 : parseWeight(line.substring(tab2 + 1));
                String reading = spelled.computeIfAbsent(pinyin, p -> spell(p, patterns, forms, letterToSymbol));
                if (reading == null) {
                    continue;
                }
                byReading.computeIfAbsent(reading, k -> new ArrayList<>()).add(new Entry(line.substring(0, tab), weight));
                count++;
            }
        }
        if (count < 5000) {
            throw new IllegalArgumentException(table + ": only " + count + " character readings");
        }
        Map<String, List<Entry>> sortedByReading = new HashMap<>();
        byReading.forEach((k, v) -> sortedByReading.put(k, sorted(v)));
        return new Zhuyin(sortedByReading, surnames(), count);
    }

    /** Applies the Rime rules to {@code ma3}-style pinyin; null for a spelling the symbols do not cover. */
    private static String spell(String pinyin, List<Pattern> patterns, List<String[]> forms, Map<Character, Character> letters) {
        if (!pinyin.matches("[a-z]+[1-5]")) {
            return null;
        }
        String s = pinyin;
        for (int i = 0; i < patterns.size(); i++) {
            s = patterns.get(i).matcher(s).replaceAll(forms.get(i)[1]);
        }
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            Character z = letters.get(c);
            if (z == null) {
                return null;
            }
            out.append(z);
        }
        String z = out.toString();
        return z.length() >= 2 && TONES.indexOf(z.charAt(z.length() - 1)) >= 0 ? z : null;
    }

    private static double parseWeight(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> l = new ArrayList<>(entries);
        // one character per reading, its highest weight first
        Map<String, Entry> best = new LinkedHashMap<>();
        l.sort(Comparator.comparingDouble(Entry::weight).reversed());
        for (Entry e : l) {
            best.putIfAbsent(e.character(), e);
        }
        return List.copyOf(best.values());
    }

    private static Map<String, Integer> surnames() throws IOException {
        Map<String, Integer> rank = new HashMap<>();
        try (InputStream in = Objects.requireNonNull(Zhuyin.class.getResourceAsStream("common-surnames.txt"), "common-surnames.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    for (String name : line.split("\\s+")) {
                        rank.putIfAbsent(name, rank.size());
                    }
                }
            }
        }
        return rank;
    }

    private static String toneless(String reading) {
        return reading.substring(0, reading.length() - 1);
    }

    /** How many character readings were read. */
    public int size() {
        return characters;
    }

    /**
     * The characters for what was typed, most frequent first: with a tone mark at the end, that
     * reading; without, every tone of the syllable. {@code surnameFirst} (the first character of
     * a name) puts the common surnames with that reading first, the most common first.
     */
    public List<String> candidates(String typed, boolean surnameFirst) {
        if (typed == null || typed.isEmpty()) {
            return List.of();
        }
        boolean toned = TONES.indexOf(typed.charAt(typed.length() - 1)) >= 0;
        List<Entry> entries = (toned ? byReading : byToneless).getOrDefault(typed, List.of());
        List<String> out = new ArrayList<>(entries.size());
        if (surnameFirst) {
            entries.stream().map(Entry::character).filter(surnameRank::containsKey)
                    .sorted(Comparator.comparingInt(surnameRank::get)).forEach(out::add);
        }
        for (Entry e : entries) {
            if (!surnameFirst || !surnameRank.containsKey(e.character())) {
                out.add(e.character());
            }
        }
        return out;
    }

    /** True when {@code symbol} may follow {@code typed} in one syllable (initial, medial, final, tone, in that order). */
    public static boolean mayFollow(String typed, char symbol) {
        int last = typed.isEmpty() ? -1 : position(typed.charAt(typed.length() - 1));
        return position(symbol) > last && last < 3;
    }

    private static int position(char symbol) {
        if (INITIALS.indexOf(symbol) >= 0) {
            return 0;
        }
        if (MEDIALS.indexOf(symbol) >= 0) {
            return 1;
        }
        if (FINALS.indexOf(symbol) >= 0) {
            return 2;
        }
        if (TONES.indexOf(symbol) >= 0) {
            return 3;
        }
        throw new IllegalArgumentException("not a 注音 symbol: " + symbol);
    }
}
