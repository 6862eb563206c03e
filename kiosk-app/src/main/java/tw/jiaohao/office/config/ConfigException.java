package tw.jiaohao.office.config;

import tw.jiaohao.office.OfficeException;

/** The office configuration is invalid; {@link #key()} names the offending key. */
public class ConfigException extends OfficeException {
    private final String key;
    private final String problem;

    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "': " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** What is wrong with the key's value, without the key. */
    public String problem() {
        return problem;
    }

    public String key() {
        return key;
    }
}
