package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.EmbeddedBroker;
import tw.jiaohao.office.testing.FakeRecoveryHub;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.IssueRefusedException;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryRequest;

/**
 * The start-up check with the hub when the office database lost its history (truncated to zero,
 * its -wal file gone) and when the hub's reply is bad or hostile: a node never issues a seq or a
 * number it may already have issued, imports only the run that continues its own history, and a
 * bad reply never stops it issuing.
 *
 * <p>The tests share one broker (a HiveMQ start and stop cost ≈ 5 s; docs/BENCHMARKS.md "CI
 * time"), each test with an office of its own, so no retained message, session or recovery topic
 * of one test reaches another; the broker is never restarted, so it keeps its state in memory.
 */
class RecoveryFaultsIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final AtomicInteger OFFICES = new AtomicInteger();
    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;
    /** This test's office: its own topics, client ids and database on the shared broker. */
    private final String office = "faults-office-" + OFFICES.incrementAndGet();
    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.startInMemory(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aDatabaseTruncatedToZero_isHeldUntilTheHubGivesItsHistoryBack_thenContinuesAfterTheLastNumberAndSeq() throws Exception {
        OfficeConfig config = config(broker, "recovery.timeout-seconds=30");
        List<String> numbers = new ArrayList<>();
        List<OfficeEvent> hubCopy;
        try (OfficeNode node = start(config)) {
            for (int i = 0; i < 5; i++) {
                numbers.add(node.service().issue("A").ticketId());
            }
            hubCopy = events(node);
        }
        Files.write(config.databasePath(), new byte[0]); // truncated to 0 bytes
        Files.deleteIfExists(Path.of(config.databasePath() + "-wal"));
        Files.deleteIfExists(Path.of(config.databasePath() + "-shm"));

        try (OfficeNode node = start(config)) {
            assertThat(node.engine().isHeld()).as("an emptied database is held, never a new office").isTrue();
            try (FakeRecoveryHub hub = new FakeRecoveryHub(broker.url(), office, FakeRecoveryHub.answering(hubCopy))) {
                assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.IMPORTED);
                String next = node.service().issue("A").ticketId();
                numbers.add(next);
                System.out.printf("truncated to zero: %d events given back, next ticket %s at seq %d%n", hubCopy.size(), next,
                        node.engine().lastSeq());
                assertThat(new HashSet<>(numbers)).as("no number twice: " + numbers).hasSameSizeAs(numbers);
                assertThat(node.engine().lastSeq()).as("no seq reused").isEqualTo(hubCopy.size() + 1);
            }
        }
    }

    @Test
    void aDatabaseBehindItsHighWaterMark_withoutAHub_refusesTickets_untilStaffConfirmAtACounter() throws Exception {
        OfficeConfig config = config(broker, "recovery.timeout-seconds=1");
        try (OfficeNode node = start(config)) {
            node.service().issue("A");
            node.service().issue("A");
        }
        Files.write(config.databasePath(), new byte[0]);
        Files.deleteIfExists(Path.of(config.databasePath() + "-wal"));
        try (OfficeNode node = start(config)) {
            assertThatThrownBy(() -> node.service().issue("A")).as("no timeout lets an emptied database issue A001 again")
                    .isInstanceOf(IssueRefusedException.class);
            assertThat(node.engine().health().detail()).startsWith("recovery-held: ");
            CommandReply confirmed = node.service().execute(CounterCommand.of(office, 1, CommandAction.CONFIRM));
            assertThat(confirmed.ok()).as("staff confirm at counter 1: %s", confirmed.message()).isTrue();
            assertThat(node.service().issue("A").number()).as("A001 and A002 were lost with the database: never given again")
                    .isEqualTo("A003");
            assertThat(node.engine().health().detail()).contains("recovery-failed: staff (counter 1) confirmed")
                    .contains("2 changes were lost");
            assertThat(node.service().execute(CounterCommand.of(office, 1, CommandAction.CONFIRM)).code())
                    .as("nothing left to confirm").isEqualTo(tw.jiaohao.protocol.counter.ReplyCode.INVALID_STATE);
        }
        try (OfficeNode node = start(config)) {
            assertThat(node.startupCheck().waitingForHeadOfficeOrStaff()).as("confirmed once, trusted after").isFalse();
        }
    }

    @Test
    void theDatabaseAndItsMarkBothLost_withoutAHub_theMarkCopyHoldsPastTheTimeout_untilStaffConfirm_orTheHubGivesItBack()
            throws Exception {
        Path copies = Files.createDirectories(dir.resolve("backups"));
        OfficeConfig config = config(broker, "recovery.timeout-seconds=1\nrecovery.mark-copy-dir=" + copies + "\n");
        List<String> numbers = new ArrayList<>();
        List<OfficeEvent> hubCopy;
        try (OfficeNode node = start(config)) {
            for (int i = 0; i < 3; i++) {
                numbers.add(node.service().issue("A").ticketId());
            }
            hubCopy = events(node);
        }
        // written at the run's first change on the mark's own thread: by then one to three tickets may be committed
        assertThat(Long.parseLong(Files.readString(copies.resolve(office + ".highwater")).strip()))
                .as("the copy says the office had history").isBetween(1L, (long) hubCopy.size());
        // the card is replaced: database, -wal and the mark beside them are gone; the backup disk is not
        for (String suffix : new String[] {"", "-wal", "-shm", ".highwater"}) {
            Files.deleteIfExists(Path.of(config.databasePath() + suffix));
        }
        try (OfficeNode node = start(config)) {
            Await.until("past recovery.timeout-seconds", Duration.ofSeconds(10), () -> node.link().isConnected());
            Thread.sleep(1500); // lets the 1 s timeout pass: what is tested is that it does NOT end the hold
            assertThatThrownBy(() -> node.service().issue("A")).as("an empty database with history elsewhere is not a new office")
                    .isInstanceOf(IssueRefusedException.class);
            String detail = node.engine().health().detail();
            System.out.printf("database and mark lost, no hub: %s%n", detail);
            assertThat(detail).startsWith("recovery-held: ").contains("copy of the high-water mark");
            assertThat(node.engine().snapshot().hold()).as("the counters show it with their confirm key").contains("copy of the high-water mark");
            try (FakeRecoveryHub hub = new FakeRecoveryHub(broker.url(), office, FakeRecoveryHub.answering(hubCopy))) {
                assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).as("head office came back").isEqualTo(Outcome.IMPORTED);
            }
            numbers.add(node.service().issue("A").ticketId());
            assertThat(new HashSet<>(numbers)).as("no number twice: " + numbers).hasSameSizeAs(numbers);
            assertThat(node.engine().lastSeq()).isEqualTo(hubCopy.size() + 1);
        }
    }

    @Test
    void anEmptyDatabase_ofAnOfficeInServiceSinceADate_holdsUntilStaffConfirmAtACounter() throws Exception {
        OfficeConfig config = config(broker, "recovery.timeout-seconds=1\noffice.in-service-since=2026-01-05\n");
        try (OfficeNode node = start(config)) {
            assertThatThrownBy(() -> node.service().issue("A")).isInstanceOf(IssueRefusedException.class);
            assertThat(node.engine().health().detail()).startsWith("recovery-held: ").contains("in-service-since says this office has issued since 2026-01-05");
            assertThat(node.service().execute(CounterCommand.of(office, 2, CommandAction.CONFIRM)).ok()).isTrue();
            assertThat(node.service().issue("A").number()).isEqualTo("A001");
        }
    }

    @Test
    void hostileOrBrokenRecoveryReplies_areRefusedAndCounted_andTheNodeStillIssuesWithoutReusingASeq() throws Exception {
        OfficeConfig config = config(broker, "recovery.timeout-seconds=3");
        List<OfficeEvent> genuine;
        try (FakeRecoveryHub hub = new FakeRecoveryHub(broker.url(), office, FakeRecoveryHub.answering(List.of()));
             OfficeNode node = start(config)) {
            assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.UP_TO_DATE);
            node.service().issue("A");
            node.service().issue("B");
            genuine = events(node);
        }
        String template = new String(CODEC.encode(genuine.get(1)), java.nio.charset.StandardCharsets.UTF_8);
        List<Function<RecoveryRequest, byte[]>> replies = List.of(
                r -> reply(r, Long.MAX_VALUE, event(template, 2, Long.MAX_VALUE)),
                r -> reply(r, 1_000_000_000_000L, event(template, 2, 1_000_000_000_000L)),
                r -> reply(r, 9, event(template, 2, 9)), // a hole: 3..8 missing
                r -> FakeRecoveryHub.raw("{\"v\":1,\"office\":\"" + office + "\",\"contiguousSeq\":-5,\"maxSeq\":-1,\"events\":[]}"),
                r -> FakeRecoveryHub.raw("{\"v\":1,\"office\":\"other-office\",\"contiguousSeq\":3,\"maxSeq\":3,\"events\":["
                        + event(template, 2, 3).replace(office, "other-office") + "]}"),
                r -> FakeRecoveryHub.raw("not json at all"));
        long seq = genuine.size();
        int round = 0;
        for (Function<RecoveryRequest, byte[]> script : replies) {
            round++;
            try (FakeRecoveryHub hub = new FakeRecoveryHub(broker.url(), office, script);
                 OfficeNode node = start(config)) {
                node.startupCheck().done().get(30, TimeUnit.SECONDS);
                String number = node.service().issue("A").number();
                seq++;
                assertThat(node.engine().lastSeq()).as("round %d: the next seq, nothing imported", round).isEqualTo(seq);
                assertThat(number).as("round %d", round).isEqualTo(String.format("A%03d", round + 1));
                boolean refused = node.startupCheck().refusedReplies() > 0 || node.link().metrics().unexpectedMessages() > 0;
                System.out.printf("hostile reply %d: %d requests answered, refused %s, next %s at seq %d%n", round, hub.requests(),
                        refused, number, seq);
                assertThat(hub.requests()).isPositive();
                assertThat(refused).as("round %d: the reply was refused and counted", round).isTrue();
            }
        }
    }

    private static String event(String template, long genuineSeq, long seq) {
        return template.replace("\"seq\":" + genuineSeq + ",", "\"seq\":" + seq + ",");
    }

    private byte[] reply(RecoveryRequest r, long maxSeq, String eventJson) {
        return FakeRecoveryHub.raw("{\"v\":1,\"office\":\"" + office + "\",\"contiguousSeq\":0,\"maxSeq\":" + maxSeq + ",\"events\":["
                + eventJson + "]}");
    }

    private OfficeConfig config(EmbeddedBroker broker, String properties) {
        return TestOffice.config(dir, "office.id=" + office + "\nmqtt.broker=" + broker.url() + "\n" + properties);
    }

    private static OfficeNode start(OfficeConfig config) {
        return OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    }

    private static List<OfficeEvent> events(OfficeNode node) {
        return node.engine().range(1, node.engine().lastSeq(), Integer.MAX_VALUE).stream()
                .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
    }

    @SuppressWarnings("unused")
    private static void awaitHeld(OfficeNode node) {
        Await.until("held", Duration.ofSeconds(5), node.engine()::isHeld);
    }
}
