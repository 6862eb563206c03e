package tw.jiaohao.hub.ingest;

/**
 * One message taken from the broker, undecoded, on its way to the writer. {@code ack}
 * acknowledges it to the broker and is run only after the batch holding it is committed
 * (refused messages too, so acknowledgements keep the order of arrival).
 */
public record Inbound(String topic, byte[] payload, Runnable ack) {
}
