package tw.jiaohao.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.ReplayRequest;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;
import tw.jiaohao.protocol.event.TicketState;

/** One valid example of every message, shared by the tests. */
public final class ExamplesAccess {
    public static final Instant AT = Instant.parse("2026-11-22T01:15:30Z");
    public static final LocalDate DAY = LocalDate.parse("2026-11-22");

    public static OfficeEvent issued() {
        return new OfficeEvent(1, UUID.fromString("0193a1b2-7c00-7000-8000-000000000001"), "taipei-1", 42,
                EventType.TICKET_ISSUED, AT, DAY, "2026-11-22/A023", "A023", "A", AT, null, 4, 12,
                null, null, null, null, null);
    }

    public static StateSnapshot snapshot() {
        TicketView serving = new TicketView("2026-11-22/A021", "A021", "A", TicketState.SERVING, AT.minusSeconds(900), AT.minusSeconds(120));
        return new StateSnapshot(1, "taipei-1", "台北服務所", "Asia/Taipei", 42, AT, DAY,
                List.of(new CategoryView("A", "水費/一般", "Bills & general", false, 4, 12, "A023", "A021"),
                        new CategoryView("P", "優先", "Priority", true, 0, 0, null, null)),
                List.of(new CounterView(3, "3 號櫃台", List.of("P", "A", "B"), true, serving)),
                List.of(new CallView("2026-11-22/A021", "A021", "A", 3, AT.minusSeconds(180), false)));
    }

    public static List<Object> all() {
        return List.of(issued(), snapshot(),
                new CounterCommand(1, "taipei-1", 3, CommandAction.TRANSFER, null, "B", null),
                CommandReply.error("taipei-1", 3, CommandAction.CALL_NEXT, tw.jiaohao.protocol.counter.ReplyCode.NOBODY_WAITING, "目前無人等候 / Nobody is waiting"),
                new DeviceStatus(1, "taipei-1", "kiosk-1", DeviceKind.KIOSK, true, AT, "0.1.0", PrinterCondition.PAPER_NEAR_END, null),
                new ReplayRequest(1, "taipei-1", 40, 41L, "hub-1"),
                new NoticeBoard(1, "all", AT, List.of(new Notice("outage-20261123", NoticeKind.WATER_OUTAGE, "中山區停水", "Water outage",
                        "管線汰換", null, "中山區", "管線汰換工程", AT, AT.plusSeconds(86400), AT.plusSeconds(80000),
                        AT.plusSeconds(50400), AT.plusSeconds(79200)))));
    }

    private ExamplesAccess() {
    }
}
