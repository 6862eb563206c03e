package tw.jiaohao.board;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Command-line options shared by {@code bin/jiaohao board} and {@code bin/jiaohao counter}:
 * {@code --config FILE} (properties; without it every key takes its default),
 * {@code --broker URL} and {@code --office ID} which override {@code mqtt.url} and
 * {@code office.id}, and, for the counter unit, {@code --counter N} which overrides
 * {@code counter.number}.
 */
public record Cli(Path config, Integer counter, boolean help, Properties overrides) {

    public static Cli parse(String[] args, boolean counterAllowed) {
        Path config = null;
        Integer counter = null;
        boolean help = false;
        Properties overrides = new Properties();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--counter" -> {
                    if (!counterAllowed) {
                        throw new BoardException("--counter is an option of 'jiaohao counter', not of the wall board");
                    }
                    String v = value(args, ++i, "--counter");
                    try {
                        counter = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new BoardException("--counter needs a counter number such as 3, got '" + v + "'");
                    }
                }
                case "--broker" -> overrides.setProperty("mqtt.url", value(args, ++i, "--broker"));
                case "--office" -> overrides.setProperty("office.id", value(args, ++i, "--office"));
                case "-h", "--help" -> help = true;
                default -> throw new BoardException("unknown option '" + args[i] + "'; try --help");
            }
        }
        return new Cli(config, counter, help, overrides);
    }

    public DisplayConfig load(DisplayConfig.Role role) {
        Properties p = config == null ? new Properties() : DisplayConfig.read(config);
        p.putAll(overrides);
        return DisplayConfig.from(p, role, counter);
    }

    public static String usage(String command, boolean counter) {
        return "usage: bin/jiaohao " + command + " [--config FILE] [--broker URL] [--office ID]" + (counter ? " [--counter N]" : "") + "\n"
                + "  --config FILE   properties file (display-board/board.properties.example lists every key and default)\n"
                + "  --broker URL    the office's MQTT broker, e.g. tcp://127.0.0.1:1883 (overrides mqtt.url)\n"
                + "  --office ID     the office shown (overrides office.id)\n"
                + (counter ? "  --counter N     this unit's counter number (overrides counter.number)\n" : "");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new BoardException(option + " needs a value");
        }
        return args[i];
    }
}
