package tw.jiaohao.office.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;

/**
 * A child JVM for the crash test: an office node on {@code args[0]} (database) and
 * {@code args[1]} (broker) that issues and calls tickets as fast as it can until it is killed.
 * It prints {@code ISSUED <ticketId> <seq>} and {@code CALLED <ticketId>} only after the change
 * was committed, so every printed line is a promise the parent checks. With one argument it is the
 * office's configuration file instead (the real topology's login and broker; hub e2e tests).
 */
public final class CrashLoadMain {
    private CrashLoadMain() {
    }

    public static void main(String[] args) {
        OfficeConfig config = args.length == 1 ? OfficeConfigLoader.load(Path.of(args[0]))
                : OfficeConfigLoader.defaults().withOffice("crash-office", Path.of(args[0])).withBrokerUrl(args[1]);
        OfficeNode node = OfficeNode.start(config, Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
        String office = config.officeId();
        Random random = new Random();
        String[] categories = {"A", "B", "C", "D", "P"};
        for (tw.jiaohao.office.config.CounterConfig counter : config.counters()) {
            int k = counter.number();
            node.service().execute(office, k, CommandAction.OPEN);
        }
        System.out.println("READY");
        System.out.flush();
        int counters = config.counters().size();
        while (true) {
            IssuedTicket t = node.service().issue(categories[random.nextInt(categories.length)]);
            System.out.println("ISSUED " + t.ticketId() + " " + t.seq());
            int counter = config.counters().get(random.nextInt(counters)).number();
            CommandReply called = node.service().execute(office, counter, CommandAction.CALL_NEXT);
            if (called.ok()) {
                System.out.println("CALLED " + called.ticket().ticketId());
                node.service().execute(office, counter, random.nextBoolean() ? CommandAction.NO_SHOW : CommandAction.START);
                node.service().execute(office, counter, CommandAction.FINISH);
            }
            System.out.flush();
        }
    }
}
