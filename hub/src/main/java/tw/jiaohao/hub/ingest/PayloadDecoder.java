package tw.jiaohao.hub.ingest;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Turns a message from a topic the hub consumes into an event or a device status, or refuses
 * it: counted in {@link IngestMetrics}, logged by {@link RejectionLog}, never stored. Never
 * throws. Runs on the writer thread, so the MQTT client's thread only queues.
 */
final class PayloadDecoder {
    /** A decoded message: exactly one of event, status, or neither (refused). */
    record Result(OfficeEvent event, DeviceStatus status) {
        static final Result REFUSED = new Result(null, null);
    }

    private final JsonCodec codec;
    private final IngestMetrics metrics;
    private final RejectionLog rejections = new RejectionLog();

    PayloadDecoder(JsonCodec codec, IngestMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    Result decode(String topic, byte[] payload) {
        Topics.Parsed parsed = Topics.parse(topic).orElse(null);
        Topics.Kind kind = parsed == null ? null : parsed.kind();
        if (kind == Topics.Kind.EVENT) {
            Decoded<OfficeEvent> d = codec.decode(topic, payload, OfficeEvent.class);
            if (d instanceof Decoded.Accepted<OfficeEvent> a) {
                return new Result(a.message(), null);
            }
            metrics.rejectedEvents.incrementAndGet();
            rejections.refused("event", parsed.office(), d.toString(), System.currentTimeMillis());
            return Result.REFUSED;
        }
        if (kind == Topics.Kind.DEVICE_STATUS) {
            Decoded<DeviceStatus> d = codec.decode(topic, payload, DeviceStatus.class);
            String problem;
            if (d instanceof Decoded.Accepted<DeviceStatus> a) {
                if (a.message().device().equals(parsed.device())) {
                    return new Result(null, a.message());
                }
                problem = "rejected at device: payload is for device '" + a.message().device()
                        + "' but arrived on the topic of device '" + parsed.device() + "'";
            } else {
                problem = d.toString();
            }
            metrics.rejectedStatuses.incrementAndGet();
            rejections.refused("device status", parsed.office(), problem, System.currentTimeMillis());
            return Result.REFUSED;
        }
        metrics.rejectedOther.incrementAndGet();
        String office = parsed != null && parsed.office() != null && Check.IDENTIFIER.matcher(parsed.office()).matches()
                ? parsed.office() : "(unknown)";
        rejections.refused("message", office, "not a topic the hub consumes", System.currentTimeMillis());
        return Result.REFUSED;
    }
}
