package tw.jiaohao.hub.ingest;

import tw.jiaohao.messaging.RefusalLog;
import java.time.Clock;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * Turns a message from a topic the hub consumes into an event or a device status, or refuses
 * it: counted in {@link IngestMetrics}, logged by a {@link RefusalLog}, never stored. The codec
 * refuses a payload whose office (and, for a device status, device) differs from its topic's.
 * A device status dated implausibly ahead of the hub's clock is taken with the hub's time
 * instead ({@link DeviceTimes#plausible}), so a forged future time can neither pin
 * a device's state nor date its alerts. Never throws. Runs on the writer thread, so the MQTT
 * client's thread only queues.
 */
final class PayloadDecoder {
    /** A decoded message: exactly one of event, status, or neither (refused). */
    record Result(OfficeEvent event, DeviceStatus status) {
        static final Result REFUSED = new Result(null, null);
    }

    private final JsonCodec codec;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final RefusalLog refusals;

    PayloadDecoder(JsonCodec codec, IngestMetrics metrics, RefusalLog refusals, Clock clock) {
        this.codec = codec;
        this.metrics = metrics;
        this.refusals = refusals;
        this.clock = clock;
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
            refusals.refused("refused event", parsed.office(), d.toString());
            return Result.REFUSED;
        }
        if (kind == Topics.Kind.DEVICE_STATUS) {
            Decoded<DeviceStatus> d = codec.decode(topic, payload, DeviceStatus.class);
            if (d instanceof Decoded.Accepted<DeviceStatus> a) {
                return new Result(null, DeviceTimes.plausible(a.message(), clock.instant(), metrics.clockAhead, refusals));
            }
            metrics.rejectedStatuses.incrementAndGet();
            refusals.refused("refused device status", parsed.office(), d.toString());
            return Result.REFUSED;
        }
        metrics.rejectedOther.incrementAndGet();
        String office = parsed != null && parsed.office() != null && Check.IDENTIFIER.matcher(parsed.office()).matches()
                ? parsed.office() : "(unknown)";
        refusals.refused("refused message", office, "not a topic the hub consumes");
        return Result.REFUSED;
    }
}
