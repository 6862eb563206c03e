package tw.jiaohao.messaging;

import java.nio.charset.StandardCharsets;

/**
 * One delivered message, decoded: where it came from, the message, and the MQTT 5 request
 * properties (null when absent).
 *
 * @param topic         the topic it was published on
 * @param message       the decoded message (for raw handlers the payload bytes)
 * @param responseTopic where the sender wants its answer, or null
 * @param correlation   the sender's correlation data, or null
 * @param retained      delivered from the broker's retained store
 */
public record Inbound<T>(String topic, T message, String responseTopic, byte[] correlation, boolean retained) {
    /** The correlation data as UTF-8 text (Jiaohao's correlation ids are UUIDs), or null. */
    public String correlationId() {
        return correlation == null ? null : new String(correlation, StandardCharsets.UTF_8);
    }
}
