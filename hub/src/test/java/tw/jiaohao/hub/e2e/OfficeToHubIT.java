package tw.jiaohao.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;

/** The real office node and the real hub through one broker: exactly once, end to end. */
class OfficeToHubIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonCodec CODEC = new JsonCodec();

    @TempDir
    Path dir;

    @Test
    void brokerDownForAWhile_officeKeepsWorking_thenTheHubHoldsEveryEventOnce_andItsFiguresMatchTheOffices() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0);
             Hub hub = HubFixture.start(dir.resolve("hub"), broker.url(), "hub-e2e")) {
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice("e2e-office", dir.resolve("office.db"))
                    .withBrokerUrl(broker.url());
            try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                OfficeService office = node.service();
                Random random = new Random(5);
                for (int k = 1; k <= 5; k++) {
                    office.execute("e2e-office", k, CommandAction.OPEN);
                }
                work(office, random, 40);
                Poll.until(WAIT, "the hub caught up before the outage", () -> HubFixture.contiguous(hub, "e2e-office") == node.engine().lastSeq());

                broker.stop();
                Poll.until(WAIT, "both noticed the outage", () -> !node.link().isConnected() && !hub.connected());
                long before = node.engine().lastSeq();
                work(office, random, 60);
                assertThat(node.engine().lastSeq()).as("the office kept working without the broker").isGreaterThan(before + 60);

                broker.start();
                long last = node.engine().lastSeq();
                Poll.until(WAIT, "the hub holds every event", () -> HubFixture.contiguous(hub, "e2e-office") == last);
                assertHubHoldsExactlyTheOfficesEvents(hub, node, "e2e-office");
            }
        }
    }

    @Test
    void officeNodeKilledWithSigkillRepeatedly_noEventIsLostOrCountedTwiceAtTheHub() throws Exception {
        Path db = dir.resolve("crash.db");
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker")).start(0);
             Hub hub = HubFixture.start(dir.resolve("hub"), broker.url(), "hub-crash")) {
            Random random = new Random();
            for (int i = 0; i < 20; i++) {
                Process child = launchOfficeLoad(db, broker.url(), 10 + random.nextInt(80));
                child.destroyForcibly(); // SIGKILL at a random moment of its work
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            }
            OfficeConfig config = OfficeConfigLoader.defaults().withOffice("crash-office", db).withBrokerUrl(broker.url());
            try (OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))) {
                long last = node.engine().lastSeq();
                assertThat(last).isGreaterThan(8);
                Poll.until(WAIT, "the hub holds every committed event", () -> HubFixture.contiguous(hub, "crash-office") == last);
                assertHubHoldsExactlyTheOfficesEvents(hub, node, "crash-office");
                assertThat(hub.metrics().stored.get()).as("each (office, seq) stored once").isEqualTo(last);
            }
        }
    }

    /** Starts {@link OfficeLoadMain} as a child JVM and returns once it has committed {@code work} changes. */
    private static Process launchOfficeLoad(Path db, String brokerUrl, int work) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                OfficeLoadMain.class.getName(), "crash-office", db.toString(), brokerUrl).redirectErrorStream(true).start();
        CountDownLatch enough = new CountDownLatch(1);
        AtomicInteger lines = new AtomicInteger();
        java.util.Deque<String> other = new java.util.concurrent.ConcurrentLinkedDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("WORK")) {
                        if (lines.incrementAndGet() >= work) {
                            enough.countDown();
                        }
                    } else {
                        other.addLast(line);
                        if (other.size() > 40) {
                            other.pollFirst();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // killed mid-line
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!enough.await(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the office node child did " + lines.get() + " of " + work
                    + " changes in 60 s; its last output:\n" + String.join("\n", other));
        }
        return p;
    }

    /** A burst of a realistic mix: issue, call, recall, no-show, transfer, serve, rate. */
    private static void work(OfficeService office, Random random, int tickets) {
        String[] categories = {"A", "B", "C", "D"};
        for (int i = 0; i < tickets; i++) {
            office.issue(categories[random.nextInt(categories.length)]);
            int counter = 1 + random.nextInt(5);
            CommandReply called = office.execute("e2e-office", counter, CommandAction.CALL_NEXT);
            if (!called.ok()) {
                continue;
            }
            String ticket = called.ticket().ticketId();
            if (random.nextInt(5) == 0) {
                office.execute("e2e-office", counter, CommandAction.RECALL);
            }
            int fate = random.nextInt(10);
            if (fate == 0) {
                office.execute("e2e-office", counter, CommandAction.NO_SHOW);
            } else if (fate == 1) {
                String target = called.ticket().number().startsWith("A") ? "B" : "A";
                office.execute(new CounterCommand(1, "e2e-office", counter, CommandAction.TRANSFER, ticket, target, null));
            } else {
                office.execute("e2e-office", counter, CommandAction.START);
                office.execute("e2e-office", counter, CommandAction.FINISH);
                if (random.nextBoolean()) {
                    office.rate(ticket, Rating.values()[random.nextInt(Rating.values().length)]);
                }
            }
        }
    }


    private static void assertHubHoldsExactlyTheOfficesEvents(Hub hub, OfficeNode node, String office) throws Exception {
        long last = node.engine().lastSeq();
        List<OfficeEvent> officeEvents = node.engine().range(1, last, Integer.MAX_VALUE).stream()
                .map(e -> CODEC.decodeOrThrow(e.payload(), OfficeEvent.class)).toList();
        assertThat(officeEvents).hasSize((int) last);
        assertThat(hub.store().events(office, 1, Integer.MAX_VALUE)).as("the hub holds the office's events, each once")
                .containsExactlyElementsOf(officeEvents);
        Map<LocalDate, List<OfficeEvent>> byDay = officeEvents.stream()
                .collect(Collectors.groupingBy(OfficeEvent::officeDay, TreeMap::new, Collectors.toList()));
        for (Map.Entry<LocalDate, List<OfficeEvent>> day : byDay.entrySet()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hub.apiUrl() + "/api/offices/" + office + "/days/" + day.getKey())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            FiguresAssert.matches(CODEC.mapper().readValue(r.body(), OfficeFigures.class), ReferenceFigures.of(day.getValue()));
        }
    }
}
