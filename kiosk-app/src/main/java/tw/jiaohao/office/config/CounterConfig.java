package tw.jiaohao.office.config;

import java.util.List;

/**
 * One counter: its number (1..99), its name shown on the boards, and its profile — the
 * categories it serves, most preferred first.
 */
public record CounterConfig(int number, String name, List<String> serves) {
    public CounterConfig {
        if (number < 1 || number > 99) {
            throw new ConfigException("counters", ConfigProblem.NOT_COUNTER_NUMBER, number);
        }
        if (name == null || name.isBlank() || name.length() > 40) {
            throw new ConfigException("counter." + number + ".name", ConfigProblem.TEXT_LENGTH, 40, "1號櫃台");
        }
        serves = List.copyOf(serves);
        if (serves.isEmpty()) {
            throw new ConfigException("counter." + number + ".serves", ConfigProblem.EMPTY_LIST);
        }
        if (serves.stream().distinct().count() != serves.size()) {
            throw new ConfigException("counter." + number + ".serves", ConfigProblem.SERVES_TWICE, String.join(",", serves));
        }
    }

    public boolean serves(String category) {
        return serves.contains(category);
    }
}
