package tw.jiaohao.messaging;

/** A bad {@code mqtt.*} value: the message names the key, the rule and the value given. */
public final class MqttConfigException extends IllegalArgumentException {
    private final String key;

    public MqttConfigException(String key, String rule, String value) {
        super(key + " must be " + rule + "; got '" + (value == null ? "" : value) + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
