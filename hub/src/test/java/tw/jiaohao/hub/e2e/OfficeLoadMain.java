package tw.jiaohao.hub.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.messaging.Backoff;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;

/**
 * A child JVM for the end-to-end kill test: the real office node for office {@code args[0]}
 * on database {@code args[1]} and broker {@code args[2]}, issuing, calling and serving tickets
 * as fast as it can until it is killed. It prints {@code WORK} after each committed change.
 */
public final class OfficeLoadMain {
    private OfficeLoadMain() {
    }

    public static void main(String[] args) {
        String office = args[0];
        OfficeNode node = OfficeNode.start(OfficeConfigLoader.defaults().withOffice(office, Path.of(args[1])).withBrokerUrl(args[2]),
                Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
        Random random = new Random();
        for (int counter = 1; counter <= 5; counter++) {
            node.service().execute(office, counter, CommandAction.OPEN);
        }
        String[] categories = {"A", "B", "C", "D"};
        CommandAction[] endings = {CommandAction.NO_SHOW, CommandAction.START};
        while (true) {
            node.service().issue(categories[random.nextInt(categories.length)]);
            System.out.println("WORK");
            int counter = 1 + random.nextInt(5);
            CommandReply called = node.service().execute(office, counter, CommandAction.CALL_NEXT);
            if (called.ok()) {
                CommandAction ending = endings[random.nextInt(endings.length)];
                node.service().execute(office, counter, ending);
                if (ending == CommandAction.START) {
                    node.service().execute(office, counter, CommandAction.FINISH);
                }
                System.out.println("WORK");
            }
            System.out.flush();
        }
    }
}
