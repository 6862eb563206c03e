package tw.jiaohao.board;

/** A configuration value is missing or wrong; {@link #key()} names the property to fix. */
public class ConfigException extends BoardException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
