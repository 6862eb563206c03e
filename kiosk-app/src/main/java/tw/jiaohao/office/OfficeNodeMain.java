package tw.jiaohao.office;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao office-node [--config office.properties] [--broker tcp://host:port] [--office ID] [--db file]}:
 * one office's queue engine and MQTT link, headless. Without {@code --config} the default
 * office (the bundled example) runs. Ctrl-C (SIGTERM) stops cleanly: offline status, store closed.
 */
public final class OfficeNodeMain {
    private static final Logger log = LoggerFactory.getLogger(OfficeNodeMain.class);

    private OfficeNodeMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Bugs.exitOnUncaught("office-node");
        OfficeConfig config;
        try {
            Args args = Args.parse(argv, Set.of("--config", "--broker", "--office", "--db"), Set.of("--help"));
            if (args.has("--help")) {
                System.out.println("usage: bin/jiaohao office-node [--config office.properties] [--broker tcp://host:port] [--office ID] [--db office.db]");
                System.out.println("  --office ID  overrides office.id (its database becomes data/office-<ID>.db unless --db names one)");
                System.out.println("keys and defaults: docs/office-node/CONFIG.md");
                return;
            }
            config = configFrom(args);
        } catch (OfficeException e) {
            System.err.println("office-node: " + e.getMessage());
            System.exit(2);
            return;
        }
        OfficeNode node;
        try {
            node = OfficeNode.start(config, Clock.systemUTC(), config.mqtt().backoff());
        } catch (OfficeException e) {
            // a damaged database, a path not writable: the message says what to do; no stack trace
            System.err.println("office-node: " + e.getMessage());
            log.error("office node {} not started: {}", config.officeId(), e.getMessage());
            if (e instanceof tw.jiaohao.office.ticketing.DamagedDatabaseException damaged) {
                tw.jiaohao.office.link.MqttLink.reportCannotStart(config, Clock.systemUTC(), damaged.statusDetail());
            }
            System.exit(2);
            return;
        }
        log.info("office node {} running: database {}, broker {}", config.officeId(), config.databasePath().toAbsolutePath(), config.brokerUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            log.info("office node {} stopped", config.officeId());
            stopped.countDown();
        }, "jiaohao-shutdown"));
        stopped.await();
    }

    /**
     * The configuration named by {@code --config} (or the default office) with {@code --office},
     * {@code --broker} and {@code --db} applied. A new office id gets its own default database
     * (two offices never share one) unless {@code --db} names a file.
     */
    public static OfficeConfig configFrom(Args args) {
        OfficeConfig config = args.has("--config") ? OfficeConfigLoader.load(Path.of(args.get("--config"))) : OfficeConfigLoader.defaults();
        if (args.has("--office")) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("office.id", args.get("--office"));
            // validate the flag like the key it overrides
            OfficeConfig checked = OfficeConfigLoader.fromProperties(p);
            config = config.withOffice(checked.officeId(), checked.databasePath());
        }
        if (args.has("--broker")) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("mqtt.url", args.get("--broker"));
            // validate the flag like the key it overrides
            OfficeConfigLoader.fromProperties(p);
            config = config.withBrokerUrl(args.get("--broker"));
        }
        if (args.has("--db")) {
            config = config.withDatabasePath(Path.of(args.get("--db")));
        }
        return config;
    }
}
