package tw.jiaohao.messaging;

/**
 * A message delivered to a handler: its topic, the decoded message (or the raw payload for
 * a raw handler), and the MQTT 5 request properties.
 *
 * <p><b>Acknowledgement.</b> A QoS 1 message is acknowledged to the broker (PUBACK) when every
 * handler it reached has returned, unless a handler called {@link #deferAck()}: then it is
 * acknowledged when that handler runs the returned {@link Runnable} (from any thread, at most
 * once counts). On a persistent session an unacknowledged message comes again after a
 * reconnect, so defer the acknowledgement until the message's effect is durable. An
 * acknowledgement that arrives after the connection it belongs to has gone is dropped: the
 * broker delivers the message again.
 */
public interface Inbound<T> {
    String topic();

    T message();

    /** The undecoded payload. */
    byte[] payload();

    /** The MQTT 5 response topic, or null. */
    String responseTopic();

    /** The MQTT 5 correlation data, or null. */
    byte[] correlationData();

    /** Takes over the acknowledgement (see the class comment); call it on the delivery thread. */
    Runnable deferAck();
}
