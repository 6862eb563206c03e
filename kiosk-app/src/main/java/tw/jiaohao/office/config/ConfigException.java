package tw.jiaohao.office.config;

import tw.jiaohao.office.OfficeException;

/** The office configuration is invalid; {@link #key()} names the offending key. */
public class ConfigException extends OfficeException {
    private final String key;
    private final String problem;
    private final ConfigProblem code;
    private final java.util.List<String> args;

    public ConfigException(String key, String problem) {
        this(key, problem, null, java.util.List.of());
    }

    /** A problem head office's settings can have: said in English and kept as a code with its parameters. */
    public ConfigException(String key, ConfigProblem code, Object... args) {
        this(key, code, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    private ConfigException(String key, ConfigProblem code, java.util.List<String> args) {
        this(key, code.english(args.toArray()), code, args);
    }

    private ConfigException(String key, String problem, ConfigProblem code, java.util.List<String> args) {
        super("configuration key '" + key + "': " + problem);
        this.key = key;
        this.problem = problem;
        this.code = code;
        this.args = args;
    }

    /** The problem as a code (null: a key head office does not set, said in {@link #problem()} only). */
    public ConfigProblem code() {
        return code;
    }

    /** The code's parameters ({@link ConfigProblem}), empty without a code. */
    public java.util.List<String> args() {
        return args;
    }

    /** What is wrong with the key's value, without the key. */
    public String problem() {
        return problem;
    }

    public String key() {
        return key;
    }
}
