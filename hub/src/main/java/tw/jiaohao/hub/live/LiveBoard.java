package tw.jiaohao.hub.live;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.event.TicketState;

/**
 * The newest state snapshot and device statuses of every office, as received on their retained
 * topics. Older copies arriving late (lower {@code seq}, earlier {@code at}) are ignored.
 * Thread-safe; readers never block the MQTT callback.
 */
public final class LiveBoard {
    private final Map<String, StateSnapshot> states = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DeviceStatus>> devices = new ConcurrentHashMap<>();

    public void onState(StateSnapshot s) {
        states.merge(s.office(), s, (old, neu) -> newer(old, neu) ? neu : old);
    }

    public void onDeviceStatus(DeviceStatus s) {
        devices.computeIfAbsent(s.office(), o -> new ConcurrentHashMap<>())
                .merge(s.device(), s, (old, neu) -> neu.at().isBefore(old.at()) ? old : neu);
    }

    private static boolean newer(StateSnapshot old, StateSnapshot neu) {
        int day = neu.officeDay().compareTo(old.officeDay());
        return day > 0 || (day == 0 && neu.seq() >= old.seq());
    }

    /** Every office seen on a state or status topic, sorted. */
    public Set<String> offices() {
        Set<String> all = new TreeSet<>(states.keySet());
        all.addAll(devices.keySet());
        return all;
    }

    public Optional<StateSnapshot> state(String office) {
        return Optional.ofNullable(states.get(office));
    }

    /** The office's live figures, whatever day its last snapshot is of (see {@link #view(String, java.time.LocalDate)}). */
    public OfficeLive view(String office) {
        return view(office, null);
    }

    /**
     * The office's live figures. When its last snapshot is of an office day before {@code today}
     * (its node went down with people waiting and has not spoken since), waiting, serving and
     * counters open are unknown (null), not yesterday's queue; {@code snapshotAt} still says when
     * the office last spoke. {@code today} null: no such check.
     */
    public OfficeLive view(String office, java.time.LocalDate today) {
        StateSnapshot s = states.get(office);
        Map<String, DeviceStatus> ds = effective(office);
        Boolean online = ds.values().stream().filter(d -> d.kind() == DeviceKind.OFFICE_NODE)
                .map(DeviceStatus::online).reduce(Boolean::logicalOr).orElse(null);
        PrinterCondition printer = ds.values().stream().filter(d -> d.online() && d.printer() != null)
                .map(DeviceStatus::printer).max(Comparator.comparingInt(LiveBoard::severity)).orElse(null);
        if (s == null) {
            return new OfficeLive(office, office, null, null, null, online, printer, null);
        }
        if (today != null && s.officeDay().isBefore(today)) {
            return new OfficeLive(office, s.officeName(), null, null, null, online, printer, s.at());
        }
        int waiting = s.categories().stream().mapToInt(StateSnapshot.CategoryView::waiting).sum();
        int serving = (int) s.counters().stream().filter(c -> c.current() != null && c.current().state() == TicketState.SERVING).count();
        int open = (int) s.counters().stream().filter(StateSnapshot.CounterView::open).count();
        return new OfficeLive(office, s.officeName(), waiting, serving, open, online, printer, s.at());
    }

    private static int severity(PrinterCondition p) {
        return switch (p) {
            case READY -> 0;
            case PAPER_NEAR_END -> 1;
            case COVER_OPEN -> 2;
            case PAPER_OUT -> 3;
            case OFFLINE -> 4;
        };
    }

    /**
     * The latest status of every device of {@code office} (office node, kiosks, boards, counter
     * units), by device id; a device whose host is offline is shown offline with it
     * ({@link DeviceStatus#givenHost}).
     */
    public List<DeviceStatus> devices(String office) {
        return effective(office).values().stream().sorted(Comparator.comparing(DeviceStatus::device)).toList();
    }

    private Map<String, DeviceStatus> effective(String office) {
        Map<String, DeviceStatus> received = devices.getOrDefault(office, Map.of());
        Map<String, DeviceStatus> out = new java.util.HashMap<>();
        received.forEach((id, d) -> out.put(id, d.host() == null ? d : d.givenHost(received.get(d.host()))));
        return out;
    }
}
