package tw.jiaohao.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The hub's ingest rate (stored, committed and acknowledged) against a bare Paho
 * subscriber's receive rate, on the same broker in the same run, QoS 1.
 *
 * <pre>
 * ./mvnw -B -q -pl hub test-compile
 * java -cp hub/target/test-classes:hub/target/classes:$(cat hub/target/test-classpath.txt) \
 *     tw.jiaohao.hub.bench.IngestBenchmark [brokerUrl=tcp://127.0.0.1:1883] [messages=50000] [rounds=3]
 * </pre>
 * With {@code -Dbench.pg.url=…} the hub stores in PostgreSQL; with {@code -Dbench.instances=2} as
 * well, two hubs share the stream through a shared subscription, as several instances do. With
 * {@code rounds} 0 only the store alone is timed (no broker): batches of 40 and of 400.
 */
public final class IngestBenchmark {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final int AHEAD = 400;
    /** {@code -Dbench.instances=2}: that many hubs on one shared subscription ({@code ingest.share-group}); needs a PostgreSQL store. */
    private static final int INSTANCES = Integer.getInteger("bench.instances", 1);
    /** {@code -Dbench.pg.url=jdbc:postgresql://127.0.0.1:5432/<an empty database>}: the hubs' store (login postgres, no password). */
    private static final String PG_URL = System.getProperty("bench.pg.url", "");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:1883";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        if (INSTANCES > 1 && PG_URL.isEmpty()) {
            throw new IllegalArgumentException("-Dbench.instances=" + INSTANCES + " needs -Dbench.pg.url (several hubs share a PostgreSQL store)");
        }
        System.out.printf("broker %s, %d messages per measurement, QoS 1, %d rounds, %d hub instance(s), store %s%n", url, n, rounds,
                INSTANCES, PG_URL.isEmpty() ? "SQLite" : PG_URL);
        if (rounds == 0) {
            storeOnly(events("store-" + run, n), 40);
            storeOnly(events("store400-" + run, n), 400);
            System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            System.exit(0);
        }
        double bestBare = 0;
        double bestHub = 0;
        List<Double> ratios = new ArrayList<>();
        bare(url, events("warm-" + run, 5000)); // JIT warm-up of client, broker and hub
        hub(url, events("warmhub-" + run, 5000), "bench-" + run + "-warm");
        for (int round = 1; round <= rounds; round++) {
            List<byte[]> bareEvents = events("bare-" + run + "-" + round, n);
            double bare = bare(url, bareEvents);
            List<byte[]> hubEvents = events("hub-" + run + "-" + round, n);
            double hub = hub(url, hubEvents, "bench-" + run + "-" + round);
            System.out.printf("round %d: bare Paho subscriber %,.0f msg/s, hub ingest %,.0f msg/s, ratio %.2f%n",
                    round, bare, hub, hub / bare);
            ratios.add(hub / bare);
            bestBare = Math.max(bestBare, bare);
            bestHub = Math.max(bestHub, hub);
        }
        storeOnly(events("store-" + run, n), 40);
        int size = events("size-" + run, 10).stream().mapToInt(b -> b.length).sum() / 10;
        System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        ratios.sort(Double::compare);
        System.out.printf("mean payload %d bytes; best of %d rounds: bare %,.0f msg/s, hub %,.0f msg/s, ratio %.2f; "
                + "median of the rounds' ratios %.2f (target ≥ 0.8)%n",
                size, rounds, bestBare, bestHub, bestHub / bestBare, ratios.get(ratios.size() / 2));
        System.exit(0);
    }

    /**
     * The store alone (the hub's, SQLite or {@code bench.pg.url}), in batches of {@code batch}
     * (40: what the hub sees behind Mosquitto's in-flight window of 20; larger when it is behind).
     */
    private static void storeOnly(List<byte[]> payloads, int batch) throws Exception {
        List<OfficeEvent> events = payloads.stream().map(p -> CODEC.decodeOrThrow(p, OfficeEvent.class)).toList();
        Path dir = Files.createTempDirectory("hub-bench-store");
        tw.jiaohao.hub.store.SqliteHubStore.Sync sync = tw.jiaohao.hub.store.SqliteHubStore.Sync.valueOf(
                System.getProperty("bench.sync", HubConfig.DEFAULTS.get("db.synchronous")));
        try (tw.jiaohao.hub.db.HubDatabase db = tw.jiaohao.hub.db.HubDatabase.open(PG_URL.isEmpty()
                ? tw.jiaohao.hub.db.DbSettings.sqlite(dir.resolve("hub.db")) : tw.jiaohao.hub.db.DbSettings.postgresql(PG_URL, "postgres", ""));
             tw.jiaohao.hub.store.SqliteHubStore store = new tw.jiaohao.hub.store.SqliteHubStore(db, sync, CODEC, Clock.systemUTC(),
                     java.time.ZoneId.of("Asia/Taipei"), tw.jiaohao.hub.store.SqliteHubStore.DEFAULT_MAX_SEQ_AHEAD)) {
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i += batch) {
                store.write(events.subList(i, Math.min(events.size(), i + batch)), List.of());
            }
            System.out.printf("store alone (%s, batches of %d): %,.0f events/s%n", PG_URL.isEmpty() ? "SQLite" : "PostgreSQL", batch,
                    events.size() / ((System.nanoTime() - start) / 1e9));
        }
    }

    /** Encoded events of one synthetic office, enough days to reach {@code n}. */
    static List<byte[]> events(String office, int n) {
        List<byte[]> out = new ArrayList<>(n);
        SyntheticOffice sim = new SyntheticOffice(office, 42);
        LocalDate day = LocalDate.of(2026, 1, 5);
        while (out.size() < n) {
            for (OfficeEvent e : sim.day(day, 300)) {
                if (out.size() < n) {
                    out.add(CODEC.encode(e));
                }
            }
            day = day.plusDays(1);
        }
        return out;
    }

    private static double bare(String url, List<byte[]> payloads) throws Exception {
        String office = officeOf(payloads.get(0));
        CountDownLatch done = new CountDownLatch(payloads.size());
        AtomicLong received = new AtomicLong();
        MqttAsyncClient sub = new MqttAsyncClient(url, "bench-bare-" + office, new MemoryPersistence());
        sub.setCallback(new Callback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
                done.countDown();
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        sub.connect(o).waitForCompletion();
        sub.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.event(office), 1)}).waitForCompletion();
        long start = System.nanoTime();
        publish(url, Topics.event(office), payloads, received::get);
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bare subscriber missed " + done.getCount() + " messages");
        }
        double rate = payloads.size() / ((System.nanoTime() - start) / 1e9);
        sub.disconnect().waitForCompletion();
        sub.close();
        return rate;
    }

    private static double hub(String url, List<byte[]> payloads, String clientId) throws Exception {
        String office = officeOf(payloads.get(0));
        Path dir = Files.createTempDirectory("hub-bench");
        List<Hub> hubs = new ArrayList<>();
        try (ReplayAnswerer answerer = new ReplayAnswerer(url, office, payloads)) {
            for (int i = 0; i < INSTANCES; i++) {
                Map<String, String> m = new java.util.HashMap<>(Map.of(
                        "mqtt.url", url,
                        "mqtt.client-id", INSTANCES == 1 ? clientId : clientId + "-" + i,
                        "mqtt.session-expiry-seconds", "60",
                        "http.port", "0",
                        "replay.interval-seconds", "1",
                        "db.synchronous", System.getProperty("bench.sync", HubConfig.DEFAULTS.get("db.synchronous")),
                        "db.path", dir.resolve("hub-" + i + ".db").toString()));
                if (!PG_URL.isEmpty()) {
                    m.putAll(Map.of("db.url", PG_URL, "db.user", "postgres", "db.password", ""));
                }
                if (INSTANCES > 1) {
                    // a group of its own per measurement: the closed hubs of the previous one keep
                    // their sessions (mqtt.session-expiry-seconds) and Mosquitto would go on handing
                    // them their share of a group they were in, to be dropped past max_queued_messages
                    m.put("ingest.share-group", clientId);
                }
                hubs.add(Hub.start(HubConfig.from(m), Clock.systemUTC()));
            }
            Hub first = hubs.get(0);
            java.util.function.LongSupplier taken = () -> hubs.stream().mapToLong(h -> h.metrics().received.get()).sum();
            long start = System.nanoTime();
            // paced like the bare subscriber, on what it took from the broker; the hub takes every
            // office's events, so other programs' traffic on the shared broker can still overflow its
            // queue there: the events Mosquitto drops come back by replay, as in production
            publish(url, Topics.event(office), payloads, taken);
            while (first.store().progress(office).map(p -> p.contiguousSeq()).orElse(0L) < payloads.size()) {
                LockSupport.parkNanos(1_000_000);
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(300)) {
                    throw new IllegalStateException("hub stored only " + first.store().progress(office));
                }
            }
            double rate = payloads.size() / ((System.nanoTime() - start) / 1e9);
            long received = taken.getAsLong();
            long batches = hubs.stream().mapToLong(h -> h.metrics().batches.get()).sum();
            System.out.printf("  hub: %d instance(s), %d batches, %.1f messages per batch, at most %d unacknowledged (first instance), "
                            + "%d events replayed on request, %d other programs' messages taken too (%s)%n",
                    INSTANCES, batches, (double) received / batches, first.metrics().unacknowledgedHighWater.get(),
                    answerer.replayed.get(), Math.max(0, received - payloads.size() - answerer.replayed.get()),
                    PG_URL.isEmpty() ? "SQLite, db.synchronous=" + System.getProperty("bench.sync", HubConfig.DEFAULTS.get("db.synchronous")) : "PostgreSQL");
            return rate;
        } finally {
            hubs.forEach(Hub::close);
        }
    }

    /** Plays the office's part in a replay: republishes the events the hub asks for. */
    private static final class ReplayAnswerer implements AutoCloseable {
        final AtomicLong replayed = new AtomicLong();
        private final MqttAsyncClient client;

        ReplayAnswerer(String url, String office, List<byte[]> payloads) throws MqttException {
            client = new MqttAsyncClient(url, "bench-office-" + office, new MemoryPersistence());
            client.setCallback(new Callback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    tw.jiaohao.protocol.event.ReplayRequest r = CODEC.decodeOrThrow(message.getPayload(),
                            tw.jiaohao.protocol.event.ReplayRequest.class);
                    long to = r.toSeq() == null ? payloads.size() : Math.min(r.toSeq(), payloads.size());
                    new Thread(() -> {
                        for (long seq = r.fromSeq(); seq <= to; seq++) {
                            publishOne(client, Topics.event(office), payloads.get((int) seq - 1));
                            replayed.incrementAndGet();
                        }
                    }).start();
                }
            });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o).waitForCompletion();
            client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.replay(office), 1)}).waitForCompletion();
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion();
            client.close();
        }
    }

    private static void publishOne(MqttAsyncClient client, String topic, byte[] payload) {
        while (true) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw new IllegalStateException(e);
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /**
     * Publishes as fast as the broker's in-flight window allows, but never more than
     * {@link #AHEAD} messages ahead of what the subscriber has taken from the broker: Mosquitto
     * drops QoS 1 messages for a subscriber once {@code max_queued_messages} (default 1000)
     * are queued.
     */
    private static void publish(String url, String topic, List<byte[]> payloads, java.util.function.LongSupplier taken) throws Exception {
        MqttAsyncClient pub = new MqttAsyncClient(url, "bench-pub-" + System.nanoTime(), new MemoryPersistence());
        AtomicLong completed = new AtomicLong();
        pub.setCallback(new Callback() {
            @Override
            public void deliveryComplete(IMqttToken token) {
                completed.incrementAndGet();
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        pub.connect(o).waitForCompletion();
        long sent = 0;
        long consumed = 0;
        for (byte[] p : payloads) {
            while (sent - consumed > AHEAD) {
                consumed = taken.getAsLong();
                if (sent - consumed > AHEAD) {
                    LockSupport.parkNanos(20_000);
                }
            }
            sent++;
            while (true) {
                try {
                    pub.publish(topic, p, 1, false);
                    break;
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                        throw e;
                    }
                    LockSupport.parkNanos(20_000);
                }
            }
        }
        while (completed.get() < payloads.size()) {
            LockSupport.parkNanos(100_000);
        }
        pub.disconnect().waitForCompletion();
        pub.close();
    }

    private static String officeOf(byte[] payload) {
        return CODEC.decodeOrThrow(payload, OfficeEvent.class).office();
    }

    private abstract static class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int code, MqttProperties p) {
        }
    }
}
