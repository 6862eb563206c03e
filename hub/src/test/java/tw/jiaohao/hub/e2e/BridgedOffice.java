package tw.jiaohao.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertKind;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.install.GeneratedTopology;
import tw.jiaohao.office.install.MosquittoFiles;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.ticketing.ClockTrust;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The one fixture of the real-topology system tests (issue 18): the office Mosquitto from the
 * files {@code mosquitto-config} generates (device logins, ACL, TLS bridge speaking MQTT 5)
 * bridged to a generated head-office Mosquitto ({@link GeneratedTopology}), the hub on the
 * head-office broker over TLS with its generated login, and office nodes started on the office
 * broker with the node's generated login. {@link #verify} checks the promises every fault test
 * makes and prints the counts. Not thread-safe; one per test.
 */
final class BridgedOffice implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String OFFICE_PROPS = "counters=1,2\ncounter.1.serves=A,B\ncounter.2.serves=A\n";
    private static final JsonCodec CODEC = new JsonCodec();
    private static final List<String> TLS_PROPERTIES = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType");

    final String office;
    final GeneratedTopology topology;
    final Hub hub;
    private final Path dir;
    private final Path hubDb;
    private final Map<String, String> savedTls;

    private BridgedOffice(String office, GeneratedTopology topology, Hub hub, Path dir, Path hubDb, Map<String, String> savedTls) {
        this.office = office;
        this.topology = topology;
        this.hub = hub;
        this.dir = dir;
        this.hubDb = hubDb;
        this.savedTls = savedTls;
    }

    /** Both brokers from the generated files, then the hub on the real clock (extra hub settings may be given). */
    static BridgedOffice start(Path dir, String office, Map<String, String> hubSettings) throws Exception {
        return start(dir, office, hubSettings, Clock.systemUTC());
    }

    /** As above, the hub on {@code hubClock} (head office's time, as it sends it to office nodes). */
    static BridgedOffice start(Path dir, String office, Map<String, String> hubSettings, Clock hubClock) throws Exception {
        return start(dir, office, hubSettings, hubClock, java.util.function.UnaryOperator.identity());
    }

    /** As above; {@code officeConfEdit} changes the office broker's generated {@code jiaohao.conf} (a smaller queue limit). */
    static BridgedOffice start(Path dir, String office, Map<String, String> hubSettings, Clock hubClock,
                               java.util.function.UnaryOperator<String> officeConfEdit) throws Exception {
        GeneratedTopology topology = GeneratedTopology.start(dir.resolve("brokers"), office, OFFICE_PROPS, office + "-other",
                officeConfEdit);
        Map<String, String> saved = new HashMap<>();
        try {
            // the hub's Paho clients read the trust store from these, as with -Djavax.net.ssl.trustStore in jiaohao.env
            TLS_PROPERTIES.forEach(k -> saved.put(k, System.getProperty(k)));
            System.setProperty("javax.net.ssl.trustStore", topology.trustStore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", GeneratedTopology.TRUST_STORE_PASSWORD);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            Map<String, String> settings = new HashMap<>(Map.of(
                    "mqtt.username", MosquittoFiles.HUB_LOGIN,
                    "mqtt.password", topology.centralCredentials.getProperty(MosquittoFiles.HUB_LOGIN)));
            settings.putAll(hubSettings);
            HubConfig config = HubFixture.config(dir.resolve("hub"), topology.centralUrl(), "hub-" + office, settings);
            Hub hub = Hub.start(config, hubClock);
            return new BridgedOffice(office, topology, hub, dir, dir.resolve("hub/hub.db"), saved);
        } catch (Exception | Error e) {
            restore(saved);
            topology.close();
            throw e;
        }
    }

    /** The node's configuration file as installed: the generated login on the office broker, the database given. */
    Path configFile(Path db, String moreProperties) throws IOException {
        Path file = dir.resolve("office-" + Math.abs(db.hashCode()) + ".properties");
        Files.writeString(file, "office.id=" + office + "\n" + OFFICE_PROPS
                + "mqtt.broker=" + topology.officeUrl() + "\n"
                + "mqtt.username=" + office + "-node\n"
                + "mqtt.password=" + topology.officeCredentials.getProperty(office + "-node") + "\n"
                + "database.path=" + db + "\n"
                + moreProperties);
        return file;
    }

    OfficeConfig config(Path db, String moreProperties) throws IOException {
        return OfficeConfigLoader.load(configFile(db, moreProperties));
    }

    static OfficeNode node(OfficeConfig config) {
        return OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    static OfficeNode node(OfficeConfig config, Clock clock, ClockTrust.SyncStatus sync) {
        return OfficeNode.start(config, clock, sync, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    /** Waits until head office shows the office node's fault of this kind (an alert or its status in /api/offices); returns it. */
    String operatorTold(String kind) {
        String[] seen = new String[1];
        Poll.until(WAIT, "head office shows '" + kind + "' for " + office, () -> {
            for (Alert a : hub.dashboard().alerts().list(null, false, 500)) {
                if (a.kind() == AlertKind.OFFICE_NODE_FAULT && office.equals(a.office()) && a.detail().startsWith(kind + ": ")) {
                    seen[0] = "alert \"" + a.detail() + "\"";
                    return true;
                }
            }
            String offices = apiOffices();
            int at = offices.indexOf(kind + ": ");
            if (at >= 0) {
                seen[0] = "/api/offices \"" + offices.substring(at, Math.min(offices.length(), offices.indexOf('"', at) < 0
                        ? offices.length() : offices.indexOf('"', at))) + "\"";
                return true;
            }
            return false;
        });
        return seen[0];
    }

    String apiOffices() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/offices")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The real clock shifted by an offset a test sets (head office's clock in a story told at another time of day). */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset;

        ShiftedClock(java.time.Instant nowIs) {
            shiftTo(nowIs);
        }

        void shiftTo(java.time.Instant nowIs) {
            offset = Duration.between(java.time.Instant.now(), nowIs);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset);
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(offset);
        }
    }

    /** Rows the hub kept as conflicting events for this office (the same seq, a different event). */
    long seqConflicts() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hubDb); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM seq_conflict WHERE office = '" + office + "'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** What the office's counters and kiosk were told, to check against the stored history. */
    static final class Ledger {
        final List<String> handedOut = new ArrayList<>();
        final Map<String, Long> seqOfTicket = new HashMap<>();
        final List<CommandReply> replies = new ArrayList<>();
        /** Tickets printed whose change was lost by both the node and head office (never stored, never to be given again). */
        final Set<String> lostByBoth = new HashSet<>();

        void lostByBoth(String ticketId) {
            lostByBoth.add(ticketId);
        }

        IssuedTicket issued(IssuedTicket t) {
            handedOut.add(t.ticketId());
            seqOfTicket.put(t.ticketId(), t.seq());
            return t;
        }

        void printed(String ticketId, long seq) {
            handedOut.add(ticketId);
            seqOfTicket.put(ticketId, seq);
        }

        CommandReply replied(CommandReply r) {
            replies.add(r);
            return r;
        }

        /** Issues {@code n} tickets; every other one is called, started and finished at counter 1. */
        void work(OfficeService service, String office, int n) {
            replied(service.execute(office, 1, CommandAction.OPEN));
            for (int i = 0; i < n; i++) {
                issued(service.issue(i % 3 == 0 ? "B" : "A"));
                if (i % 2 == 0 && replied(service.execute(office, 1, CommandAction.CALL_NEXT)).ok()) {
                    replied(service.execute(office, 1, CommandAction.START));
                    replied(service.execute(office, 1, CommandAction.FINISH));
                }
            }
        }
    }

    /** The counts of one fault test's check. */
    record Counts(long officeEvents, long hubEvents, long lastSeq, long conflicts, int handedOut, int distinctNumbers,
                  int repliesChecked) {
        @Override
        public String toString() {
            return String.format("%d events at the hub = %d at the office (seq 1..%d, none reused, %d conflicts kept at the hub); "
                    + "%d tickets handed out, %d distinct (office day, number) issued; %d counter replies checked, 0 untrue",
                    hubEvents, officeEvents, lastSeq, conflicts, handedOut, distinctNumbers, repliesChecked);
        }
    }

    /**
     * The promises, once the hub has caught up with the node: seqs 1..last each once at the office,
     * the hub holds exactly the office's events (equal, each once) and kept no conflict, no (office
     * day, number) issued twice, every ticket handed out is stored with its TICKET_ISSUED event at
     * the seq it was given with, every counter reply that said OK is stored as the event it
     * promised. Prints the counts under {@code fault}.
     */
    Counts verify(String fault, OfficeNode node, Ledger ledger) throws Exception {
        long last = node.engine().lastSeq();
        Poll.until(WAIT, "the hub holds every event of " + office + " up to seq " + last,
                () -> HubFixture.contiguous(hub, office) >= last);
        List<OfficeEvent> events = node.engine().range(1, last, Integer.MAX_VALUE).stream()
                .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
        assertThat(events).extracting(OfficeEvent::seq).as(fault + ": seqs gap-free at the office, none reused")
                .doesNotHaveDuplicates().hasSize((int) last);
        if (!events.isEmpty()) {
            assertThat(events.get(events.size() - 1).seq()).isEqualTo(last);
        }
        List<OfficeEvent> atHub = hub.store().events(office, 1, Integer.MAX_VALUE);
        assertThat(atHub).as(fault + ": every event at the hub exactly once and equal to the office's own")
                .containsExactlyElementsOf(events);
        long conflicts = seqConflicts();
        assertThat(conflicts).as(fault + ": no seq reused (the hub kept no conflicting event)").isZero();

        Map<String, OfficeEvent> issuedEvents = new HashMap<>();
        Set<String> dayNumbers = new HashSet<>();
        int issuedCount = 0;
        for (OfficeEvent e : events) {
            if (e.type() == EventType.TICKET_ISSUED) {
                issuedCount++;
                assertThat(dayNumbers.add(e.officeDay() + "/" + e.ticketNumber()))
                        .as(fault + ": %s %s issued twice on one office day", e.officeDay(), e.ticketNumber()).isTrue();
                issuedEvents.put(e.ticketId(), e);
            }
        }
        assertThat(new HashSet<>(ledger.handedOut)).as(fault + ": no ticket handed out twice: " + ledger.handedOut)
                .hasSameSizeAs(ledger.handedOut);
        for (String id : ledger.lostByBoth) {
            assertThat(issuedEvents).as(fault + ": %s, printed before its change was lost, is never given again", id)
                    .doesNotContainKey(id);
        }
        for (String id : ledger.handedOut) {
            if (ledger.lostByBoth.contains(id)) {
                continue;
            }
            OfficeEvent e = issuedEvents.get(id);
            assertThat(e).as(fault + ": ticket %s handed out is stored with its TICKET_ISSUED event", id).isNotNull();
            assertThat(e.seq()).as(fault + ": ticket %s at the seq it was given with", id).isEqualTo(ledger.seqOfTicket.get(id));
        }
        int checked = 0;
        for (CommandReply r : ledger.replies) {
            EventType promised = switch (r.action()) {
                case CALL_NEXT -> EventType.TICKET_CALLED;
                case START -> EventType.SERVICE_STARTED;
                case FINISH -> EventType.SERVICE_FINISHED;
                case NO_SHOW -> EventType.TICKET_NO_SHOW;
                default -> null;
            };
            if (!r.ok() || promised == null || r.ticket() == null) {
                continue;
            }
            String id = r.ticket().ticketId();
            assertThat(events).as(fault + ": the reply '%s %s OK' is stored", r.action(), id)
                    .anyMatch(e -> e.type() == promised && id.equals(e.ticketId()));
            checked++;
        }
        Counts counts = new Counts(events.size(), atHub.size(), last, conflicts, ledger.handedOut.size(), issuedCount, checked);
        System.out.printf("%s: %s%n", fault, counts);
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            hub.close();
        } finally {
            restore(savedTls);
            topology.close();
        }
    }

    private static void restore(Map<String, String> saved) {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
