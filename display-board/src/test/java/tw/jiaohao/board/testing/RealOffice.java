package tw.jiaohao.board.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.settings.SettingsAck;

/**
 * A real office node (kiosk-app's queue engine on a fresh SQLite file, with its MQTT link)
 * plus a wiretap client on the same broker that records every counter command and every
 * reply on the wire, and can publish what the hub would (notices) or what a broken sender
 * would (garbage on the state topic), and publish head office's settings and read the node's answers. Categories A 水費/一般 and B 過戶/停用/復用; counters
 * 1..3 serve A then B and are open.
 */
public final class RealOffice implements AutoCloseable {
    public static final String NAME = "台北服務所";
    private final String office;
    private final OfficeNode node;
    private final MqttClient tap;
    private final JsonCodec codec = new JsonCodec();
    private final BlockingQueue<CounterCommand> commands = new LinkedBlockingQueue<>();
    private final BlockingQueue<CommandReply> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<OfficeEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<SettingsAck> settingsAcks = new LinkedBlockingQueue<>();
    private volatile boolean settingsPublished;
    private volatile long lastCommandSeenNanos;
    private volatile long lastStateSeenNanos;

    public RealOffice(String brokerUrl, String office, Clock clock) throws Exception {
        this(brokerUrl, office, clock, false);
    }

    /**
     * @param restored the database was put back by {@code jiaohao-restore} (its high-water file says
     *                 so) and no hub answers: the node holds until staff confirm on a counter; the
     *                 counters are then not opened
     */
    public RealOffice(String brokerUrl, String office, Clock clock, boolean restored) throws Exception {
        this.office = office;
        Path dir = Files.createTempDirectory("board-office-");
        Properties p = new Properties();
        p.setProperty("office.id", office);
        p.setProperty("office.name.zh", NAME);
        p.setProperty("office.name.en", "Taipei Office");
        p.setProperty("categories", "A,B");
        p.setProperty("category.A.name.zh", "水費/一般");
        p.setProperty("category.A.name.en", "Bills / general");
        p.setProperty("category.A.priority", "false");
        p.setProperty("category.A.service-minutes", "4");
        p.setProperty("category.B.name.zh", "過戶/停用/復用");
        p.setProperty("category.B.name.en", "Transfer / suspend / resume");
        p.setProperty("category.B.priority", "false");
        p.setProperty("category.B.service-minutes", "8");
        p.setProperty("counters", "1,2,3");
        for (int k = 1; k <= 3; k++) {
            p.setProperty("counter." + k + ".name", k + "號櫃台");
            p.setProperty("counter." + k + ".serves", "A,B");
        }
        p.setProperty("mqtt.broker", brokerUrl);
        p.setProperty("database.path", dir.resolve("office.db").toString());
        p.setProperty("device.id", "node");
        tap = new MqttClient(brokerUrl, "tap-" + office, new MemoryPersistence());
        tap.setCallback(new Tap());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        tap.connect(o);
        tap.subscribe(new String[] {Topics.allCounterCommands(office), Topics.ROOT + "/reply/+/command", Topics.event(office),
                Topics.state(office), Topics.settingsAck(office)}, new int[] {1, 1, 1, 1, 1});
        if (restored) {
            Files.writeString(dir.resolve("office.db.highwater"), tw.jiaohao.office.ticketing.HighWaterMark.RESTORED);
        }
        node = OfficeNode.start(OfficeConfigLoader.fromProperties(p), clock, new Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1)));
        for (int k = 1; k <= (restored ? 0 : 3); k++) {
            execute(k, CommandAction.OPEN);
        }
    }

    public OfficeNode node() {
        return node;
    }

    /** Issues {@code count} tickets of a category at the kiosk. */
    public void issue(String category, int count) {
        for (int i = 0; i < count; i++) {
            node.service().issue(category);
        }
    }

    /** A counter's command executed by the node directly (another counter's clerk). */
    public CommandReply execute(int counter, CommandAction action) {
        return node.service().execute(office, counter, action);
    }

    public long seq() {
        return node.service().snapshot().seq();
    }

    /** Counter commands seen on the broker, in order. */
    public BlockingQueue<CounterCommand> commands() {
        return commands;
    }

    /** The node's replies seen on the broker, in order. */
    public BlockingQueue<CommandReply> replies() {
        return replies;
    }

    /** {@link System#nanoTime()} when the wiretap last saw a counter command on the broker. */
    public long lastCommandSeenNanos() {
        return lastCommandSeenNanos;
    }

    /** {@link System#nanoTime()} when the wiretap last saw a state snapshot on the broker. */
    public long lastStateSeenNanos() {
        return lastStateSeenNanos;
    }

    /** The node's events seen on the broker, in order. */
    public BlockingQueue<OfficeEvent> events() {
        return events;
    }

    public void publishNotices(NoticeBoard board) throws MqttException {
        tap.publish(Topics.notice(board.scope()), codec.encode(board), 1, true);
    }

    /** Publishes head office's settings for this office, retained, as the hub does. */
    public void publishSettings(OfficeSettings settings) throws MqttException {
        settingsPublished = true;
        tap.publish(Topics.settings(office), codec.encode(settings), 1, true);
    }

    /** The node's answers to head office's settings, in order. */
    public BlockingQueue<SettingsAck> settingsAcks() {
        return settingsAcks;
    }

    /** Publishes any text on the office's state topic, not retained (as a broken or hostile sender). */
    public void publishRawState(String text) throws MqttException {
        tap.publish(Topics.state(office), text.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
        node.close();
        if (tap.isConnected()) {
            tap.publish(Topics.notice("all"), new byte[0], 1, true);
            if (settingsPublished) {
                tap.publish(Topics.settings(office), new byte[0], 1, true);
            }
            tap.disconnect();
        }
        tap.close(true);
    }

    private final class Tap implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.endsWith("/settings/ack")) {
                if (codec.decode(message.getPayload(), SettingsAck.class) instanceof Decoded.Accepted<SettingsAck> a) {
                    settingsAcks.add(a.message());
                }
            } else if (topic.endsWith("/state")) {
                lastStateSeenNanos = System.nanoTime();
            } else if (topic.endsWith("/event")) {
                if (codec.decode(message.getPayload(), OfficeEvent.class) instanceof Decoded.Accepted<OfficeEvent> e) {
                    events.add(e.message());
                }
            } else if (topic.endsWith("/command") && topic.contains("/office/")) {
                if (codec.decode(message.getPayload(), CounterCommand.class) instanceof Decoded.Accepted<CounterCommand> c) {
                    lastCommandSeenNanos = System.nanoTime();
                    commands.add(c.message());
                }
            } else if (codec.decode(message.getPayload(), CommandReply.class) instanceof Decoded.Accepted<CommandReply> r) {
                replies.add(r.message());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
