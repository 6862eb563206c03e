package tw.jiaohao.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.state.StateSnapshot;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec();

    static java.util.List<Object> examples() {
        return tw.jiaohao.protocol.ExamplesAccess.all();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyMessage_roundTripsThroughJson(Object message) {
        byte[] json = codec.encode(message);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"v\":1");
        assertThat(codec.decode(json, message.getClass())).isEqualTo(new Decoded.Accepted<>(message));
    }

    @Test
    void instants_areWrittenAsUtcIso8601() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued());
        assertThat(json).contains("\"at\":\"2026-11-22T01:15:30Z\"").contains("\"officeDay\":\"2026-11-22\"")
                .doesNotContain("\"counter\"");
    }

    @Test
    void unknownFields_areIgnored() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("{\"v\":1", "{\"v\":1,\"futureField\":[1,2]");
        assertThat(codec.decode(bytes(json), OfficeEvent.class).isAccepted()).isTrue();
    }

    @Test
    void truncatedJson_isRejectedAsMalformed() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued());
        Decoded<OfficeEvent> d = codec.decode(bytes(json.substring(0, json.length() / 2)), OfficeEvent.class);
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected<OfficeEvent>) d).reason()).contains("truncated or malformed");
    }

    @Test
    void wrongType_isRejectedWithItsPath() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("\"seq\":42", "\"seq\":\"forty-two\"");
        assertThat(codec.decode(bytes(json), OfficeEvent.class)).isEqualTo(rejected("$.seq", null));
    }

    @Test
    void unknownEventType_isRejectedNamingTheValidOnes() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("TICKET_ISSUED", "TICKET_EXPLODED");
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(bytes(json), OfficeEvent.class);
        assertThat(r.where()).isEqualTo("$.type");
        assertThat(r.reason()).contains("TICKET_ISSUED").doesNotContain("EXPLODED");
    }

    @Test
    void missingRequiredField_isRejectedByTheRecordConstructor() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("\"ticketNumber\":\"A023\",", "");
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(bytes(json), OfficeEvent.class);
        assertThat(r.where()).isEqualTo("$.ticketNumber");
        assertThat(r.reason()).contains("letter and three digits");
    }

    @Test
    void invalidNestedValue_isRejectedWithTheNestedPath() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.snapshot()).replace("\"counter\":3,\"name\"", "\"counter\":300,\"name\"");
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(bytes(json), StateSnapshot.class);
        assertThat(r.where()).isEqualTo("$.counters[0].counter");
        assertThat(r.reason()).contains("1..99");
    }

    @Test
    void missingVersion_isRejected() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("\"v\":1,", "");
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(bytes(json), OfficeEvent.class);
        assertThat(r.where()).isEqualTo("$.v");
    }

    @Test
    void futureVersion_isRejectedSayingWhichVersionIsSpoken() {
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("\"v\":1,", "\"v\":2,");
        assertThat(((Decoded.Rejected<?>) codec.decode(bytes(json), OfficeEvent.class)).reason()).contains("speaks v1");
    }

    @Test
    void oneMegabyteString_isRejectedWithoutReadingIt() {
        String huge = "x".repeat(1024 * 1024);
        String json = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("\"A023\"", "\"" + huge + "\"");
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(bytes(json), OfficeEvent.class);
        assertThat(r.reason()).contains("over the limit");
        String justUnder = "x".repeat(JsonCodec.MAX_STRING_CHARS + 1);
        String json2 = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued()).replace("\"A023\"", "\"" + justUnder + "\"");
        assertThat(((Decoded.Rejected<?>) codec.decode(bytes(json2), OfficeEvent.class)).reason()).contains("size limit");
    }

    @Test
    void garbageAndEmptyPayloads_areRejected() {
        assertThat(codec.decode(new byte[0], OfficeEvent.class).isAccepted()).isFalse();
        assertThat(codec.decode(bytes("null"), OfficeEvent.class).isAccepted()).isFalse();
        assertThat(codec.decode(bytes("[1,2,3]"), OfficeEvent.class).isAccepted()).isFalse();
        assertThat(codec.decode(bytes("{}"), OfficeEvent.class).isAccepted()).isFalse();
        assertThat(codec.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, OfficeEvent.class).isAccepted()).isFalse();
        assertThat(codec.decode(bytes("{\"v\":1} trailing"), CounterCommand.class).isAccepted()).isFalse();
    }

    @Test
    void officeInPayloadDifferentFromTopic_isRejected() {
        byte[] json = codec.encode(tw.jiaohao.protocol.ExamplesAccess.issued());
        assertThat(codec.decode(Topics.event("taipei-1"), json, OfficeEvent.class).isAccepted()).isTrue();
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(Topics.event("kaohsiung-2"), json, OfficeEvent.class);
        assertThat(r.where()).isEqualTo("office");
        assertThat(r.reason()).contains("taipei-1").contains("kaohsiung-2");
    }

    @Test
    void deviceStatusNamingAnotherDeviceThanItsTopic_isRejected() {
        tw.jiaohao.protocol.device.DeviceStatus status = new tw.jiaohao.protocol.device.DeviceStatus(1, "taipei-1", "kiosk-1",
                tw.jiaohao.protocol.device.DeviceKind.KIOSK, false, java.time.Instant.parse("2026-11-22T01:00:00Z"), "0.1.0", null, null);
        byte[] json = codec.encode(status);
        Class<tw.jiaohao.protocol.device.DeviceStatus> type = tw.jiaohao.protocol.device.DeviceStatus.class;
        assertThat(codec.decode(Topics.deviceStatus("taipei-1", "kiosk-1"), json, type).isAccepted()).isTrue();
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) codec.decode(Topics.deviceStatus("taipei-1", "kiosk-2"), json, type);
        assertThat(r.where()).isEqualTo("device");
        assertThat(r.reason()).contains("kiosk-1").contains("kiosk-2");
        assertThat(codec.decode(Topics.event("taipei-1"), json, type).isAccepted()).as("not on a device topic").isFalse();
    }

    private static Decoded.Rejected<OfficeEvent> rejected(String where, String reason) {
        return new Decoded.Rejected<>(where, reason == null ? "wrong value; expected a whole number" : reason);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
