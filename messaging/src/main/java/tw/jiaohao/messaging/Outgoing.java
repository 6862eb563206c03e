package tw.jiaohao.messaging;

import java.util.Objects;

/**
 * One message to publish: topic, payload, QoS 0 or 1, retained, and the MQTT 5 request
 * properties (response topic, correlation data, message expiry). Validated here: a topic with
 * a wildcard or over 1,024 characters, or a QoS other than 0 or 1, is refused.
 */
public record Outgoing(String topic, byte[] payload, int qos, boolean retained, String responseTopic, byte[] correlationData,
                       long expirySeconds) {
    public Outgoing {
        if (topic == null || topic.isEmpty() || topic.length() > 1_024 || topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("topic must be 1-1024 characters without wildcards; got '"
                    + (topic == null ? "" : topic.substring(0, Math.min(topic.length(), 80))) + "'");
        }
        Objects.requireNonNull(payload, "payload");
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1; got " + qos);
        }
        if (expirySeconds < 0) {
            throw new IllegalArgumentException("expirySeconds must be ≥ 0 (0 = never); got " + expirySeconds);
        }
    }

    /** QoS 1, not retained, no properties. */
    public static Outgoing of(String topic, byte[] payload) {
        return new Outgoing(topic, payload, 1, false, null, null, 0);
    }

    /** QoS 1, retained. */
    public static Outgoing retained(String topic, byte[] payload) {
        return new Outgoing(topic, payload, 1, true, null, null, 0);
    }

    public Outgoing withCorrelation(String responseTopic, byte[] correlationData) {
        return new Outgoing(topic, payload, qos, retained, responseTopic, correlationData, expirySeconds);
    }

    public Outgoing withExpiry(long seconds) {
        return new Outgoing(topic, payload, qos, retained, responseTopic, correlationData, seconds);
    }
}
