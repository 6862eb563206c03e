package tw.jiaohao.protocol.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;

class DeviceStatusTest {
    private static final Instant AT = Instant.parse("2026-12-04T02:00:00Z");
    private final JsonCodec codec = new JsonCodec();

    private static DeviceStatus kiosk(boolean online, Instant at) {
        return new DeviceStatus(1, "north", "kiosk", DeviceKind.KIOSK, online, at, "1.0", PrinterCondition.READY, null, "node");
    }

    private static DeviceStatus node(boolean online, Instant at) {
        return new DeviceStatus(1, "north", "node", DeviceKind.OFFICE_NODE, online, at, "1.0", null, null);
    }

    @Test
    void theHostTravelsInTheMessage_andAStatusWithoutOneDecodesAsHavingItsOwnConnection() {
        DeviceStatus back = decode(codec.encode(kiosk(true, AT)));
        assertThat(back.host()).isEqualTo("node");
        String old = "{\"v\":1,\"office\":\"north\",\"device\":\"board\",\"kind\":\"WALL_BOARD\",\"online\":true,"
                + "\"at\":\"2026-12-04T02:00:00Z\",\"version\":\"0.9\"}";
        assertThat(decode(old.getBytes(StandardCharsets.UTF_8)).host()).isNull();
    }

    private DeviceStatus decode(byte[] json) {
        Decoded<DeviceStatus> d = codec.decode(json, DeviceStatus.class);
        assertThat(d).as(d.toString()).isInstanceOf(Decoded.Accepted.class);
        return ((Decoded.Accepted<DeviceStatus>) d).message();
    }

    @Test
    void aDeviceCannotBeItsOwnHost() {
        assertThatThrownBy(() -> new DeviceStatus(1, "north", "node", DeviceKind.OFFICE_NODE, true, AT, "1.0", null, null, "node"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("host");
    }

    @Test
    void aHostedDeviceIsOfflineFromTheMomentItsHostWentOffline_andOnlineAgainWithIt() {
        Instant lost = AT.plusSeconds(600);
        DeviceStatus seen = kiosk(true, AT).givenHost(node(false, lost));
        assertThat(seen.online()).isFalse();
        assertThat(seen.at()).isEqualTo(lost);
        assertThat(seen.detail()).contains("node");
        assertThat(kiosk(true, AT).givenHost(node(true, lost)).online()).isTrue();
        assertThat(kiosk(true, AT).givenHost(null).online()).as("no host status known yet").isTrue();
    }

    @Test
    void aDeviceWithItsOwnConnectionIsNeverChangedByAnotherDevicesStatus() {
        DeviceStatus board = new DeviceStatus(1, "north", "board", DeviceKind.WALL_BOARD, true, AT, "1.0", null, null);
        assertThat(board.givenHost(node(false, AT.plusSeconds(5)))).isSameAs(board);
    }
}
