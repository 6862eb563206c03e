package tw.jiaohao.messaging;

import java.nio.charset.StandardCharsets;

/**
 * One message to publish, validated on construction: a topic without wildcards of at most
 * 65,535 UTF-8 bytes, a payload, QoS 0 or 1, and optionally retained, a response topic with
 * correlation data (MQTT 5 request/response) and an expiry.
 *
 * @param topic         where to publish
 * @param payload       the bytes (already encoded by the protocol codec)
 * @param qos           0 or 1 (QoS 2 is not used by Jiaohao)
 * @param retained      kept by the broker for later subscribers
 * @param responseTopic null = no answer expected
 * @param correlation   null = none
 * @param expirySeconds 0 = never expires
 */
public record Outbound(String topic, byte[] payload, int qos, boolean retained, String responseTopic, byte[] correlation,
                       long expirySeconds) {
    public Outbound {
        checkTopic("topic", topic);
        if (responseTopic != null) {
            checkTopic("responseTopic", responseTopic);
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload is required (may be empty)");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1, got " + qos);
        }
        if (expirySeconds < 0 || expirySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("expirySeconds must be 0 to 2^32-1, got " + expirySeconds);
        }
    }

    /** QoS 1, not retained, no properties. */
    public static Outbound of(String topic, byte[] payload) {
        return new Outbound(topic, payload, 1, false, null, null, 0);
    }

    public Outbound retain() {
        return new Outbound(topic, payload, qos, true, responseTopic, correlation, expirySeconds);
    }

    public Outbound withQos(int q) {
        return new Outbound(topic, payload, q, retained, responseTopic, correlation, expirySeconds);
    }

    public Outbound replyTo(String topicForAnswer, byte[] correlationData) {
        return new Outbound(topic, payload, qos, retained, topicForAnswer, correlationData, expirySeconds);
    }

    /** Answers carry the request's correlation data only. */
    public Outbound correlated(byte[] correlationData) {
        return new Outbound(topic, payload, qos, retained, responseTopic, correlationData, expirySeconds);
    }

    public Outbound expiresAfter(long seconds) {
        return new Outbound(topic, payload, qos, retained, responseTopic, correlation, seconds);
    }

    static void checkTopic(String field, String t) {
        if (t == null || t.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (t.indexOf('+') >= 0 || t.indexOf('#') >= 0 || t.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(field + " must not hold wildcards or NUL: " + abbreviate(t));
        }
        if (t.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            throw new IllegalArgumentException(field + " is longer than 65,535 bytes");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
