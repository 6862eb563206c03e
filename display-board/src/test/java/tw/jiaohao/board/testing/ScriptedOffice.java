package tw.jiaohao.board.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The office side of the protocol, driven by a test through a real broker: a small in-memory
 * queue (categories A and B, counters 1..3 serving A then B) that answers counter commands
 * and publishes the retained snapshot after every change, like the office node does. Used
 * until the tests can start kiosk-app's real office node.
 */
public final class ScriptedOffice implements AutoCloseable {
    public static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private final String office;
    private final Clock clock;
    private final MqttClient client;
    private final JsonCodec codec = new JsonCodec();
    private final Map<String, Deque<Integer>> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> issued = new LinkedHashMap<>();
    private final Map<Integer, TicketView> current = new LinkedHashMap<>();
    private final Map<Integer, String> lastServed = new LinkedHashMap<>();
    private final Set<String> rated = new HashSet<>();
    private final Deque<CallView> calls = new ArrayDeque<>();
    private final BlockingQueue<CounterCommand> received = new LinkedBlockingQueue<>();
    private long seq;

    public ScriptedOffice(String brokerUrl, String office, Clock clock) throws MqttException {
        this.office = office;
        this.clock = clock;
        waiting.put("A", new ArrayDeque<>());
        waiting.put("B", new ArrayDeque<>());
        issued.put("A", 0);
        issued.put("B", 0);
        client = new MqttClient(brokerUrl, "office-" + office, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
            public void mqttErrorOccurred(MqttException e) { }
            public void messageArrived(String topic, MqttMessage m) { onCommand(m); }
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }
            public void connectComplete(boolean reconnect, String uri) {
                if (reconnect) {
                    new Thread(() -> {
                        try {
                            client.subscribe(Topics.allCounterCommands(office), 1);
                        } catch (MqttException e) {
                            throw new IllegalStateException(e);
                        }
                    }).start();
                }
            }
            public void authPacketArrived(int c, MqttProperties p) { }
        });
        client.connect(o);
        client.subscribe(Topics.allCounterCommands(office), 1);
    }

    /** Issues {@code count} tickets of a category and publishes. */
    public synchronized void issue(String category, int count) {
        for (int i = 0; i < count; i++) {
            int n = issued.merge(category, 1, Integer::sum);
            waiting.get(category).add(n);
        }
        publish();
    }

    /** Calls the next ticket at a counter directly (as if its clerk pressed Next). */
    public synchronized CommandReply callNext(int counter) {
        return handle(CounterCommand.of(office, counter, CommandAction.CALL_NEXT));
    }

    /** Acts as if counter {@code counter} sent {@code action} (no MQTT round trip for the command). */
    public synchronized CommandReply command(int counter, CommandAction action) {
        return handle(CounterCommand.of(office, counter, action));
    }

    /** Commands received, in order. */
    public BlockingQueue<CounterCommand> received() {
        return received;
    }

    public synchronized long seq() {
        return seq;
    }

    public synchronized void publishNotices(NoticeBoard board) {
        send(Topics.notice(board.scope()), codec.encode(board), true);
    }

    /** Publishes any bytes as the retained state (malformed-input tests). */
    public void publishRawState(String json) {
        send(Topics.state(office), json.getBytes(StandardCharsets.UTF_8), true);
    }

    private void onCommand(MqttMessage m) {
        Decoded<CounterCommand> d = codec.decode(m.getPayload(), CounterCommand.class);
        CounterCommand cmd = ((Decoded.Accepted<CounterCommand>) d).message();
        received.add(cmd);
        CommandReply reply;
        synchronized (this) {
            reply = handle(cmd);
        }
        MqttProperties in = m.getProperties();
        MqttProperties out = new MqttProperties();
        out.setCorrelationData(in.getCorrelationData());
        MqttMessage r = new MqttMessage(codec.encode(reply));
        r.setQos(1);
        r.setProperties(out);
        try {
            client.publish(in.getResponseTopic(), r);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    private CommandReply handle(CounterCommand c) {
        int k = c.counter();
        TicketView cur = current.get(k);
        switch (c.action()) {
            case CALL_NEXT -> {
                if (cur != null) {
                    return CommandReply.error(office, k, c.action(), ReplyCode.BUSY, "請先完成目前的號碼 / Finish the current ticket first");
                }
                for (String cat : List.of("A", "B")) {
                    Integer n = waiting.get(cat).poll();
                    if (n != null) {
                        String number = "%s%03d".formatted(cat, n);
                        TicketView t = new TicketView(TicketId.of(DAY, number), number, cat, TicketState.CALLED, clock.instant(), clock.instant());
                        current.put(k, t);
                        lastServed.put(k, t.ticketId());
                        call(t, k, false);
                        return CommandReply.ok(office, k, c.action(), t);
                    }
                }
                return CommandReply.error(office, k, c.action(), ReplyCode.NOBODY_WAITING, "目前沒有等候的來賓 / Nobody is waiting");
            }
            case RECALL -> {
                if (cur == null) {
                    return noCurrent(c);
                }
                call(cur, k, true);
                return CommandReply.ok(office, k, c.action(), cur);
            }
            case START -> {
                if (cur == null) {
                    return noCurrent(c);
                }
                current.put(k, new TicketView(cur.ticketId(), cur.number(), cur.category(), TicketState.SERVING, cur.issuedAt(), clock.instant()));
            }
            case NO_SHOW, FINISH -> {
                if (cur == null) {
                    return noCurrent(c);
                }
                current.remove(k);
            }
            case TRANSFER -> {
                if (cur == null) {
                    return noCurrent(c);
                }
                current.remove(k);
                int n = issued.merge(c.targetCategory(), 1, Integer::sum);
                waiting.get(c.targetCategory()).addFirst(n);
            }
            case RATE -> {
                String id = c.ticketId() != null ? c.ticketId() : lastServed.get(k);
                if (id == null) {
                    return noCurrent(c);
                }
                if (!rated.add(id)) {
                    return CommandReply.error(office, k, c.action(), ReplyCode.ALREADY_RATED, "此號碼已評分 / This ticket was rated already");
                }
            }
            default -> {
                return CommandReply.error(office, k, c.action(), ReplyCode.INVALID_STATE, "not scripted");
            }
        }
        publish();
        return CommandReply.ok(office, k, c.action(), current.get(k));
    }

    private CommandReply noCurrent(CounterCommand c) {
        return CommandReply.error(office, c.counter(), c.action(), ReplyCode.NO_CURRENT_TICKET, "此櫃台目前沒有號碼 / No ticket at this counter");
    }

    private void call(TicketView t, int counter, boolean recall) {
        Instant at = clock.instant();
        if (!calls.isEmpty() && !at.isAfter(calls.peekFirst().at())) {
            at = calls.peekFirst().at().plusMillis(1);
        }
        calls.addFirst(new CallView(t.ticketId(), t.number(), t.category(), counter, at, recall));
        while (calls.size() > StateSnapshot.MAX_LAST_CALLS) {
            calls.removeLast();
        }
        publish();
    }

    private void publish() {
        seq++;
        List<CategoryView> cats = new ArrayList<>();
        cats.add(new CategoryView("A", "水費/一般", "Bills", false, waiting.get("A").size(), waiting.get("A").size() * 4, last("A"), null));
        cats.add(new CategoryView("B", "過戶/停用/復用", "Transfers", false, waiting.get("B").size(), waiting.get("B").size() * 6, last("B"), null));
        List<CounterView> counters = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            counters.add(new CounterView(k, k + " 號櫃台", List.of("A", "B"), true, current.get(k)));
        }
        StateSnapshot s = new StateSnapshot(1, office, "台北服務所", ZoneId.of("Asia/Taipei").getId(), seq, clock.instant(), DAY,
                cats, counters, List.copyOf(calls));
        send(Topics.state(office), codec.encode(s), true);
    }

    private String last(String cat) {
        int n = issued.get(cat);
        return n == 0 ? null : "%s%03d".formatted(cat, n);
    }

    private void send(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    @Override
    public void close() throws MqttException {
        // Clear the retained state so the next test starts from nothing.
        client.publish(Topics.state(office), new byte[0], 1, true);
        client.disconnect();
        client.close();
    }
}
