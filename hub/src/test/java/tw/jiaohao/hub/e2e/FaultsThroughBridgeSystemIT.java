package tw.jiaohao.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.e2e.BridgedOffice.Ledger;
import tw.jiaohao.hub.testing.HubFixture;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.install.AclProbe;
import tw.jiaohao.office.install.GeneratedTopology;
import tw.jiaohao.office.link.StartupCheck.Outcome;
import tw.jiaohao.office.testing.CrashLoadMain;
import tw.jiaohao.office.testing.SmallDisk;
import tw.jiaohao.office.testing.SteppingClock;
import tw.jiaohao.office.ticketing.ClockTrust;
import tw.jiaohao.office.ticketing.IssueRefusedException;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The faults an office Pi really meets (issue 18), each through the real topology
 * ({@link BridgedOffice}: generated office Mosquitto, MQTT 5 TLS bridge, head-office Mosquitto,
 * the hub): a clock without a battery, a full card, a database truncated or without its
 * {@code -wal}, a restore from the documented backup. After each, {@link BridgedOffice#verify}
 * checks that no number or seq was used twice, the hub holds exactly the office's events and
 * every reply was true, and the test waits until head office shows the fault. Tagged system
 * (Mosquitto, openssl, root for the tmpfs, sqlite3 for the backup scripts).
 */
@Tag("system")
class FaultsThroughBridgeSystemIT {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Path SCRIPTS = Path.of("..", "deploy", "backup").toAbsolutePath().normalize();
    private static final JsonCodec CODEC = new JsonCodec();

    @TempDir
    Path dir;
    BridgedOffice topo;

    @AfterEach
    void stop() throws InterruptedException {
        if (topo != null) {
            topo.close();
        }
    }

    /** Today at {@code hh:mm} in Taipei (the hub runs on the real clock; the node's clock is the test's). */
    private static Instant todayAt(int hour, int minute) {
        return LocalDate.now(TAIPEI).atTime(hour, minute).atZone(TAIPEI).toInstant();
    }

    @Test
    void bootedFifteenHoursBehind_headOfficesTimeHoldsTicketsAndCalls_thenAfterTheStepTodaysNumbers_andNoOneInTheRoomCancelled()
            throws Exception {
        BridgedOffice.ShiftedClock headOffice = new BridgedOffice.ShiftedClock(todayAt(17, 0).minus(Duration.ofDays(1)));
        topo = BridgedOffice.start(dir, "clock-boot", Map.of(), headOffice);
        OfficeConfig config = topo.config(dir.resolve("office.db"), "");
        Ledger ledger = new Ledger();
        SteppingClock evening = new SteppingClock(todayAt(17, 0).minus(Duration.ofDays(1)));
        try (OfficeNode node = BridgedOffice.node(config, evening, ClockTrust.SyncStatus.UNKNOWN)) {
            assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.UP_TO_DATE);
            ledger.replied(node.service().execute(topo.office, 1, CommandAction.OPEN));
            ledger.issued(node.service().issue("A"));
            ledger.issued(node.service().issue("A")); // left waiting when the office shut down
            topo.verify("clock, yesterday evening", node, ledger);
        }
        // next morning 08:30 at head office; the Pi boots with the time it saved at shutdown (no battery clock), NTP silent
        headOffice.shiftTo(todayAt(8, 30));
        SteppingClock boot = new SteppingClock(todayAt(17, 30).minus(Duration.ofDays(1)));
        try (OfficeNode node = BridgedOffice.node(config, boot, ClockTrust.SyncStatus.UNKNOWN)) {
            assertThat(node.startupCheck().done().get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.UP_TO_DATE);
            assertThatThrownBy(() -> node.service().issue("A")).as("no ticket numbered by a clock head office contradicts")
                    .isInstanceOf(IssueRefusedException.class).hasMessageContaining("clock");
            CommandReply call = ledger.replied(node.service().execute(topo.office, 1, CommandAction.CALL_NEXT));
            assertThat(call.code()).as("no call of yesterday's leftovers by a wrong clock").isEqualTo(ReplyCode.INVALID_STATE);
            String hold = node.engine().snapshot().hold();
            assertThat(hold).as("the counters show why, with their confirm key").contains("head office's time");
            String told = topo.operatorTold("clock-unset");

            boot.stepTo(todayAt(8, 31)); // NTP answers: 15 h forward
            List<String> morning = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                morning.add(ledger.issued(node.service().issue("A")).ticketId());
                boot.advance(Duration.ofSeconds(20));
            }
            int closed = node.engine().closeLeftovers(); // the end-of-day sweep, as upkeep runs it after the step
            List<String> called = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CommandReply r = ledger.replied(node.service().execute(topo.office, 1, CommandAction.CALL_NEXT));
                assertThat(r.ok()).as("call %d: %s", i, r.message()).isTrue();
                called.add(r.ticket().ticketId());
                ledger.replied(node.service().execute(topo.office, 1, CommandAction.START));
                ledger.replied(node.service().execute(topo.office, 1, CommandAction.FINISH));
            }
            String toldStep = topo.operatorTold("clock-stepped");
            BridgedOffice.Counts counts = topo.verify("clock booted 15 h behind, then stepped forward", node, ledger);
            long cancelledMorning = node.engine().range(1, node.engine().lastSeq(), Integer.MAX_VALUE).stream()
                    .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class))
                    .filter(e -> e.type() == EventType.TICKET_CANCELLED && morning.contains(e.ticketId())).count();
            System.out.printf("clock booted 15 h behind: held while wrong (\"%s\"), morning tickets %s, %d of yesterday's closed after "
                    + "the step, %d of the morning's cancelled, called %s; head office: %s, then %s; %s%n", hold, morning, closed,
                    cancelledMorning, called, told, toldStep, counts);
            assertThat(morning).as("today's numbers from A001").first().isEqualTo(LocalDate.now(TAIPEI) + "/A001");
            assertThat(closed).as("yesterday's two leftovers").isEqualTo(2);
            assertThat(called).as("the people in the room, in issue order").containsExactlyElementsOf(morning);
            assertThat(cancelledMorning).isZero();
        }
    }

    @Test
    void aTenMinuteBackwardStepMidDay_keepsTheIssueOrder_blocksNoCounter_andHeadOfficeIsTold() throws Exception {
        topo = BridgedOffice.start(dir, "clock-back", Map.of(), new BridgedOffice.ShiftedClock(todayAt(10, 0)));
        OfficeConfig config = topo.config(dir.resolve("office.db"), "");
        SteppingClock clock = new SteppingClock(todayAt(10, 0));
        Ledger ledger = new Ledger();
        try (OfficeNode node = BridgedOffice.node(config, clock, ClockTrust.SyncStatus.UNKNOWN)) {
            node.startupCheck().done().get(30, TimeUnit.SECONDS);
            ledger.replied(node.service().execute(topo.office, 1, CommandAction.OPEN));
            List<String> issued = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if (i == 3) {
                    clock.step(Duration.ofMinutes(-10));
                }
                issued.add(ledger.issued(node.service().issue("A")).ticketId());
                clock.advance(Duration.ofMinutes(1));
            }
            List<String> called = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < issued.size(); i++) {
                CommandReply r = ledger.replied(node.service().execute(topo.office, 1, CommandAction.CALL_NEXT));
                if (!r.ok()) {
                    failed++;
                    continue;
                }
                called.add(r.ticket().ticketId());
                failed += ledger.replied(node.service().execute(topo.office, 1, CommandAction.START)).ok() ? 0 : 1;
                failed += ledger.replied(node.service().execute(topo.office, 1, CommandAction.FINISH)).ok() ? 0 : 1;
                clock.advance(Duration.ofSeconds(30));
            }
            String told = topo.operatorTold("clock-stepped");
            BridgedOffice.Counts counts = topo.verify("clock stepped back 10 min", node, ledger);
            long backwards = topo.hub.store().events(topo.office, 1, Integer.MAX_VALUE).stream()
                    .filter(e -> e.issuedAt() != null && e.at().isBefore(e.issuedAt())).count();
            System.out.printf("clock stepped back 10 min: issued %s, called %s, %d commands failed, %d events at the hub before "
                    + "their issue time; head office: %s; %s%n", issued, called, failed, backwards, told, counts);
            assertThat(called).as("called in issue order").containsExactlyElementsOf(issued);
            assertThat(failed).isZero();
            assertThat(backwards).isZero();
        }
    }

    @Test
    void aFullCardWhileIssuingAndCalling_everyReplyIsTrue_theHubGetsEveryStoredEventOnce_andHeadOfficeIsTold() throws Exception {
        topo = BridgedOffice.start(dir, "disk-full", Map.of());
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("card"), 3 * 1024)) {
            OfficeConfig config = topo.config(disk.path().resolve("office.db"), "storage.reserve-mb=0\nstorage.low-mb=0\n");
            Ledger ledger = new Ledger();
            try (OfficeNode node = BridgedOffice.node(config)) {
                node.startupCheck().done().get(30, TimeUnit.SECONDS);
                ledger.work(node.service(), topo.office, 12);
                disk.fill(256);
                int refusedNothingStored = 0;
                int unknown = 0;
                CommandAction[] cycle = {CommandAction.CALL_NEXT, CommandAction.START, CommandAction.FINISH};
                for (int i = 0; i < 240; i++) {
                    if (i == 120) { // some space comes and goes again (logs rotated, then filled)
                        disk.free();
                        disk.fill(256);
                    }
                    try {
                        ledger.issued(node.service().issue("A"));
                    } catch (IssueRefusedException e) {
                        assertThat(e.code()).isEqualTo(ReplyCode.STORE_FAILED);
                        if (e.getMessage().contains("cannot tell")) {
                            unknown++;
                        } else {
                            refusedNothingStored++;
                        }
                    }
                    CommandReply r = ledger.replied(node.service().execute(topo.office, 1, cycle[i % 3]));
                    if (r.code() == ReplyCode.STORE_FAILED) {
                        if (r.message().contains("cannot tell")) {
                            unknown++;
                        } else {
                            refusedNothingStored++;
                        }
                    }
                }
                long failures = node.database().failures();
                String told = topo.operatorTold("disk-full");
                disk.free();
                ledger.work(node.service(), topo.office, 4);
                BridgedOffice.Counts counts = topo.verify("disk full", node, ledger);
                System.out.printf("disk full on a 3 MB tmpfs: %d store failures, %d refused with nothing stored, %d of unknown outcome;"
                        + " head office: %s; %s%n", failures, refusedNothingStored, unknown, told, counts);
                assertThat(failures).as("the card really filled up").isPositive();
                // "cannot tell yet" is true too, and allowed by the store's contract only where the COMMIT itself
                // failed and the look on a new connection failed as well (seen: SQLITE_IOERR_SHMSIZE, the WAL index
                // unable to grow on the full card; 1 of 464 failed replies in one CI run): rare, not never
                assertThat(unknown).as("failed replies that could not say what was stored (%d said nothing was)", refusedNothingStored)
                        .isLessThanOrEqualTo(refusedNothingStored / 20);
                assertThat(refusedNothingStored).as("failed replies that said nothing was stored").isPositive();
            }
        }
    }

    @Test
    void aDatabaseTruncatedToZero_holdsUntilTheHubGaveItsHistoryBack_thenNoNumberOrSeqIsUsedTwice() throws Exception {
        topo = BridgedOffice.start(dir, "truncated", Map.of());
        Path db = dir.resolve("office.db");
        OfficeConfig config = topo.config(db, "");
        Ledger ledger = new Ledger();
        long before;
        try (OfficeNode node = BridgedOffice.node(config)) {
            node.startupCheck().done().get(30, TimeUnit.SECONDS);
            ledger.work(node.service(), topo.office, 15);
            before = node.engine().lastSeq();
            topo.verify("truncated, before", node, ledger);
        }
        try (FileChannel f = FileChannel.open(db, StandardOpenOption.WRITE)) {
            f.truncate(0);
        }
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
        try (OfficeNode node = BridgedOffice.node(config)) {
            Outcome outcome = node.startupCheck().done().get(60, TimeUnit.SECONDS);
            assertThat(outcome).isEqualTo(Outcome.IMPORTED);
            String told = topo.operatorTold("recovery-imported");
            ledger.work(node.service(), topo.office, 6);
            BridgedOffice.Counts counts = topo.verify("database truncated to zero", node, ledger);
            System.out.printf("database truncated to zero: had seq %d, re-imported through the bridge (%s); head office: %s; %s%n",
                    before, outcome, told, counts);
            assertThat(node.engine().lastSeq()).isGreaterThan(before);
        }
    }

    @Test
    void theWalDeletedAfterSigkill_neverIssuesANumberOrSeqAgain() throws Exception {
        topo = BridgedOffice.start(dir, "wal-lost", Map.of());
        Path db = dir.resolve("office.db");
        Path configFile = topo.configFile(db, "");
        Ledger ledger = new Ledger();
        AtomicLong brokerMax = new AtomicLong();
        int printedCount;
        try (AclProbe spy = topo.topology.officeDevice(GeneratedTopology.SPY)) {
            spy.subscribe(Topics.event(topo.office));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    CrashLoadMain.class.getName(), configFile.toString()).redirectErrorStream(true).start();
            ConcurrentLinkedQueue<String[]> printed = new ConcurrentLinkedQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("ISSUED ")) {
                            printed.add(line.split(" "));
                        }
                    }
                } catch (java.io.IOException e) {
                    // killed mid-line
                }
            });
            reader.setDaemon(true);
            reader.start();
            Poll.until(Duration.ofSeconds(120), "the child issued 60 tickets", () -> printed.size() >= 60);
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            printedCount = printed.size();
            for (String[] p : printed) {
                if (p.length == 3) {
                    ledger.printed(p[1], Long.parseLong(p[2]));
                }
            }
            // what reached the office broker before the kill reaches the hub (the broker and bridge keep it)
            org.eclipse.paho.mqttv5.common.MqttMessage m;
            while ((m = spy.raw.poll(1, TimeUnit.SECONDS)) != null) {
                brokerMax.accumulateAndGet(CODEC.decodeOrThrow(m.getPayload(), OfficeEvent.class).seq(), Math::max);
            }
        }
        Poll.until(BridgedOffice.WAIT, "the hub holds what reached the office broker", () ->
                HubFixture.contiguous(topo.hub, topo.office) >= brokerMax.get());
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
        long highWater = Long.parseLong(Files.readString(Path.of(db + ".highwater")).strip());
        long hubHeld = HubFixture.contiguous(topo.hub, topo.office);
        int lost = 0;
        for (Map.Entry<String, Long> t : ledger.seqOfTicket.entrySet()) {
            if (t.getValue() > hubHeld) { // committed, printed, then lost with the -wal before it reached the office broker
                ledger.lostByBoth(t.getKey());
                lost++;
            }
        }
        OfficeConfig config = topo.config(db, "");
        try (OfficeNode node = BridgedOffice.node(config)) {
            Poll.until(BridgedOffice.WAIT, "the check caught up, or holds for staff", () -> node.startupCheck().done().isDone()
                    || node.engine().health().detail() != null && node.engine().health().detail().contains("staff must confirm"));
            boolean caughtUp = node.startupCheck().done().isDone();
            String told;
            if (caughtUp) {
                told = topo.operatorTold("recovery-imported");
            } else {
                assertThatThrownBy(() -> node.service().issue("A")).as("nothing issued while held").isInstanceOf(IssueRefusedException.class);
                told = topo.operatorTold("recovery-held");
                node.startupCheck().confirmByStaff("counter 1");
            }
            ledger.work(node.service(), topo.office, 6);
            BridgedOffice.Counts counts = topo.verify("-wal deleted after SIGKILL", node, ledger);
            System.out.printf("-wal deleted after SIGKILL: %d tickets printed, high-water seq %d, the office broker had seq %d, "
                    + "the hub held %d, %s, %d printed tickets lost by both (never given again: %s); head office: %s; %s%n",
                    printedCount, highWater, brokerMax.get(), hubHeld, caughtUp ? "caught up from the hub" : "held until staff confirmed",
                    lost, ledger.lostByBoth, told, counts);
            if (!caughtUp) {
                assertThat(node.engine().health().detail()).contains("none given twice");
            }
        }
    }

    @Test
    void aRestoreFromTheDocumentedBackup_holdsUntilHeadOfficeGaveTheRestBack_thenNoNumberOrSeqIsUsedTwice() throws Exception {
        topo = BridgedOffice.start(dir, "restored", Map.of());
        Path data = Files.createDirectories(dir.resolve("data"));
        Path backups = dir.resolve("backups");
        Path db = data.resolve("office.db");
        OfficeConfig config = topo.config(db, "");
        Ledger ledger = new Ledger();
        long seqAtLoss;
        try (OfficeNode node = BridgedOffice.node(config)) {
            node.startupCheck().done().get(30, TimeUnit.SECONDS);
            ledger.work(node.service(), topo.office, 10);
            run(SCRIPTS.resolve("jiaohao-backup").toString(), "--from", data.toString(), "--to", backups.toString());
            ledger.work(node.service(), topo.office, 8);
            seqAtLoss = node.engine().lastSeq();
            topo.verify("restore, before the loss", node, ledger);
        }
        String restore = run(SCRIPTS.resolve("jiaohao-restore").toString(), "--to", db.toString(), "--from", backups.toString());
        try (OfficeNode node = BridgedOffice.node(config)) {
            long restoredSeq = node.engine().lastSeq();
            long t0 = System.nanoTime();
            Outcome outcome = node.startupCheck().done().get(60, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(outcome).isEqualTo(Outcome.IMPORTED);
            String told = topo.operatorTold("recovery-imported");
            ledger.work(node.service(), topo.office, 6);
            BridgedOffice.Counts counts = topo.verify("restore from the documented backup", node, ledger);
            System.out.printf("restore from the documented backup: %s; backup ended at seq %d, the office had reached seq %d, "
                    + "re-imported %d events through the bridge in %d ms; head office: %s; %s%n", restore.strip(), restoredSeq,
                    seqAtLoss, seqAtLoss - restoredSeq, millis, told, counts);
            assertThat(restoredSeq).as("the backup was older than the loss").isLessThan(seqAtLoss);
        }
    }

    @Test
    void aLongHeadOfficeOutagePastTheOfficeBrokersQueueLimit_theTailIsAskedForWithin30sOfReconnecting() throws Exception {
        // the installed defaults of the hub's replay timing; the office broker keeps only 40 messages for the bridge
        topo = BridgedOffice.start(dir, "long-outage", Map.of("replay.interval-seconds", "5", "replay.max-interval-seconds", "300",
                "replay.probe-interval-seconds", "600"), java.time.Clock.systemUTC(),
                conf -> conf.replace("max_queued_messages 100000", "max_queued_messages 40"));
        OfficeConfig config = topo.config(dir.resolve("office.db"), "");
        Ledger ledger = new Ledger();
        try (OfficeNode node = BridgedOffice.node(config);
             AclProbe spy = topo.topology.officeDevice(GeneratedTopology.SPY)) {
            node.startupCheck().done().get(30, TimeUnit.SECONDS);
            spy.subscribe(Topics.replay(topo.office));
            ledger.work(node.service(), topo.office, 4);
            long before = node.engine().lastSeq();
            Poll.until(BridgedOffice.WAIT, "the hub has the first events", () -> HubFixture.contiguous(topo.hub, topo.office) == before);

            topo.topology.stopCentral(); // head office unreachable: the bridge queues, then drops past 40
            ledger.work(node.service(), topo.office, 60);
            long last = node.engine().lastSeq();
            Poll.until(BridgedOffice.WAIT, "every event handed to the office broker", () -> node.engine().pendingCount() == 0);
            spy.raw.clear();

            topo.topology.restartCentral();
            Poll.until(BridgedOffice.WAIT, "the hub reconnected", topo.hub::connected);
            long reconnected = System.nanoTime();
            Poll.until(BridgedOffice.WAIT, "what the bridge kept reached the hub",
                    () -> topo.hub.store().progress(topo.office).map(p -> p.maxSeq()).orElse(0L) > before);
            tw.jiaohao.protocol.event.ReplayRequest tail = null;
            while (tail == null) {
                long left = TimeUnit.SECONDS.toNanos(30) - (System.nanoTime() - reconnected);
                org.eclipse.paho.mqttv5.common.MqttMessage m = spy.raw.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
                assertThat(m).as("a request for everything after the newest event, within 30 s of reconnecting").isNotNull();
                tw.jiaohao.protocol.event.ReplayRequest r = CODEC.decodeOrThrow(m.getPayload(), tw.jiaohao.protocol.event.ReplayRequest.class);
                if (r.toSeq() == null) {
                    tail = r;
                }
            }
            long askedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reconnected);
            long viaQueue = tail.fromSeq() - 1; // the newest the hub held when it asked
            BridgedOffice.Counts counts = topo.verify("long outage past the office broker's queue", node, ledger);
            long completeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reconnected);
            System.out.printf("long outage past the office broker's queue (max_queued_messages 40): %d events made while head "
                    + "office was away, the bridge's queue brought the hub to seq %d of %d; the tail (from seq %d) asked for %d ms after "
                    + "the hub reconnected, every event at the hub %d ms after; %s%n", last - before, viaQueue, last, tail.fromSeq(),
                    askedAfterMillis, completeMillis, counts);
            assertThat(viaQueue).as("the queue limit really dropped events").isLessThan(last);
            assertThat(askedAfterMillis).isLessThanOrEqualTo(30_000);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
