package tw.jiaohao.hub.live;

import java.time.Instant;
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * What the hub knows about an office right now, from its retained state snapshot and device
 * status. {@code online} is null while the office node's status has never been seen;
 * {@code printer} is the worst condition among the office's printers (null: no printer seen).
 */
public record OfficeLive(String office, String name, Integer waitingNow, Integer servingNow, Integer countersOpen,
                         Boolean online, PrinterCondition printer, Instant snapshotAt) {
}
