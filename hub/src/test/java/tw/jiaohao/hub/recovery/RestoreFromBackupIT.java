package tw.jiaohao.hub.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * An office node restored from a backup taken earlier the same office day: at start it gets the
 * events after the backup back from the hub, so no ticket number and no seq is used twice, and
 * the hub's figures stay right.
 */
class RestoreFromBackupIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OFFICE = "restore-office";
    private static final JsonCodec CODEC = new JsonCodec();
    @TempDir
    Path dir;

    @Test
    void restoredBackup_reimportsWhatTheHubHolds_noNumberOrSeqReused_figuresRight() throws Exception {
        Path db = dir.resolve("office.db");
        Path backup = dir.resolve("office-backup.db");
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0);
             Hub hub = HubFixture.start(dir.resolve("hub"), broker.url(), "hub-restore")) {
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice(OFFICE, db).withBrokerUrl(broker.url());
            List<String> numbers = new ArrayList<>();
            long seqAtCrash;
            try (OfficeNode node = start(config)) {
                assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.UP_TO_DATE);
                work(node.service(), numbers, 10);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                    s.executeUpdate("backup to " + backup); // the backup timer's online copy
                }
                work(node.service(), numbers, 8);
                seqAtCrash = node.engine().lastSeq();
                Poll.until(WAIT, "the hub holds every event", () -> contiguous(hub) == seqAtCrash);
            }
            // the storage dies; IT restores the backup
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);

            try (OfficeNode node = start(config)) {
                assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.IMPORTED);
                assertThat(node.engine().lastSeq()).isEqualTo(seqAtCrash);
                work(node.service(), numbers, 6);
                assertThat(new HashSet<>(numbers)).as("no ticket number issued twice: " + numbers).hasSameSizeAs(numbers);
                long last = node.engine().lastSeq();
                Poll.until(WAIT, "the hub holds the new events", () -> contiguous(hub) == last);

                List<OfficeEvent> officeEvents = node.engine().range(1, last, Integer.MAX_VALUE).stream()
                        .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
                assertThat(officeEvents).extracting(OfficeEvent::seq).as("seqs gap-free, none reused").doesNotHaveDuplicates().hasSize((int) last);
                assertThat(hub.store().events(OFFICE, 1, Integer.MAX_VALUE)).as("the office and the hub hold the same history")
                        .containsExactlyElementsOf(officeEvents);
                LocalDate day = officeEvents.get(0).officeDay();
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hub.apiUrl() + "/api/offices/" + OFFICE + "/days/" + day)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                FiguresAssert.matches(CODEC.mapper().readValue(r.body(), OfficeFigures.class), ReferenceFigures.of(officeEvents));
                assertThat(node.service().snapshot().categories().stream().mapToInt(c -> c.waiting()).sum())
                        .as("tickets waiting after the restore are those really waiting")
                        .isEqualTo(waitingFromEvents(officeEvents));
            }
        }
    }

    @Test
    void withoutAHub_aDatabaseThatHeardFromItBefore_holdsUntilTheTimeout_thenIssuesWhatWasAskedMeanwhile() throws Exception {
        Path db = dir.resolve("office.db");
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0)) {
            OfficeConfig config;
            try (Hub hub = HubFixture.start(dir.resolve("hub"), broker.url(), "hub-gone")) {
                config = OfficeConfigLoader.defaults().withOffice(OFFICE, db).withBrokerUrl(broker.url());
                try (OfficeNode node = start(config)) {
                    assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.UP_TO_DATE);
                }
            }
            // the hub is gone: the node holds for recovery.timeout-seconds, then works on
            java.util.Properties p = new java.util.Properties();
            p.setProperty("recovery.timeout-seconds", "2");
            OfficeConfig quick = config.withUpkeep(OfficeConfigLoader.fromProperties(p).upkeep());
            try (OfficeNode node = start(quick)) {
                assertThat(node.engine().isHeld()).as("held while it asks").isTrue();
                // a ticket asked for during the hold waits for its end instead of being issued before the check
                IssuedTicket first = node.service().issue("A");
                assertThat(node.startupCheck().done()).isDone();
                assertThat(node.startupCheck().done().get()).isEqualTo(Outcome.NO_ANSWER);
                assertThat(first.number()).isEqualTo("A001");
            }
        }
    }

    private static OfficeNode start(OfficeConfig config) {
        return OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    /** Issues {@code n} tickets; every other one is called and served at counter 1. */
    private static void work(OfficeService office, List<String> numbers, int n) {
        office.execute(OFFICE, 1, CommandAction.OPEN);
        for (int i = 0; i < n; i++) {
            IssuedTicket t = office.issue(i % 3 == 0 ? "B" : "A");
            numbers.add(t.ticketId());
            if (i % 2 == 0 && office.execute(OFFICE, 1, CommandAction.CALL_NEXT).ok()) {
                office.execute(OFFICE, 1, CommandAction.START);
                office.execute(OFFICE, 1, CommandAction.FINISH);
            }
        }
    }

    private static int waitingFromEvents(List<OfficeEvent> events) {
        Set<String> waiting = new HashSet<>();
        for (OfficeEvent e : events) {
            switch (e.type()) {
                case TICKET_ISSUED -> waiting.add(e.ticketId());
                case TICKET_CALLED, TICKET_CANCELLED -> waiting.remove(e.ticketId());
                default -> { }
            }
        }
        return waiting.size();
    }

    private static long contiguous(Hub hub) {
        return hub.store().progress(OFFICE).map(p -> p.contiguousSeq()).orElse(0L);
    }
}
