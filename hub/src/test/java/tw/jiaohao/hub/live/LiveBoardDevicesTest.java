package tw.jiaohao.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;

class LiveBoardDevicesTest {
    private static final Instant AT = Instant.parse("2026-12-04T02:00:00Z");

    private static DeviceStatus node(boolean online, Instant at) {
        return new DeviceStatus(1, "north", "node", DeviceKind.OFFICE_NODE, online, at, "1.0", null, null);
    }

    @Test
    void theKioskBesideItsNode_isShownOfflineOnceTheNodesWillArrives_andItsPrinterNoLongerCounts() {
        LiveBoard live = new LiveBoard();
        live.onDeviceStatus(node(true, AT));
        live.onDeviceStatus(new DeviceStatus(1, "north", "kiosk", DeviceKind.KIOSK, true, AT, "1.0", PrinterCondition.PAPER_OUT, null, "node"));
        live.onDeviceStatus(new DeviceStatus(1, "north", "board", DeviceKind.WALL_BOARD, true, AT, "1.0", null, null));
        assertThat(live.view("north").printer()).isEqualTo(PrinterCondition.PAPER_OUT);

        Instant lost = AT.plusSeconds(90);
        live.onDeviceStatus(node(false, lost)); // the process vanished: the broker sent the node's will only

        assertThat(live.devices("north")).extracting(DeviceStatus::device, DeviceStatus::online)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("board", true), org.assertj.core.groups.Tuple.tuple("kiosk", false),
                        org.assertj.core.groups.Tuple.tuple("node", false));
        assertThat(live.devices("north").get(1).at()).isEqualTo(lost);
        assertThat(live.view("north").online()).isFalse();
        assertThat(live.view("north").printer()).as("an offline kiosk's last printer state is not the office's").isNull();

        live.onDeviceStatus(node(true, lost.plusSeconds(30)));
        assertThat(live.devices("north").get(1).online()).as("back with its node (its own retained status is online)").isTrue();
    }
}
