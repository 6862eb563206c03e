package tw.jiaohao.office.config;

import tw.jiaohao.office.OfficeException;

/** The office configuration is invalid; {@link #key()} names the offending key. */
public class ConfigException extends OfficeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
