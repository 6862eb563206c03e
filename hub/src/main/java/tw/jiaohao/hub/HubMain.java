package tw.jiaohao.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao hub [--config hub.properties] [--ready-file path]}: runs the hub until
 * Ctrl-C (SIGINT/SIGTERM), then stops it cleanly. With {@code --ready-file}, once everything
 * is up it writes {@code broker.url=} and {@code api.url=} there (atomically) and prints the
 * same two lines, so a script can wait for the file and then start offices against the broker.
 */
public final class HubMain {
    static {
        // HiveMQ's jar brings a logback.xml of its own; name ours so it is the one in force
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "jiaohao-hub-logback.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HubMain.class);

    private HubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Bugs.exitOnUncaught("hub");
        if (args.length > 0 && (args[0].equals("create-admin") || args[0].equals("add-user"))) {
            System.exit(userCommand(args));
            return;
        }
        Path configFile = null;
        Path readyFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(value(args, ++i, "--config"));
                case "--ready-file" -> readyFile = Path.of(value(args, ++i, "--ready-file"));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("jiaohao hub: unknown option '" + args[i] + "'");
                    usage();
                    System.exit(2);
                }
            }
        }
        Hub hub;
        try {
            HubConfig config = configFile == null ? HubConfig.from(Map.of()) : HubConfig.load(configFile);
            log.info("starting hub with {}", config);
            hub = Hub.start(config, Clock.systemUTC());
        } catch (HubException e) {
            System.err.println("jiaohao hub: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Hub running = hub;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping hub");
            running.close();
            stopped.countDown();
        }, "hub-shutdown"));
        String ready = "broker.url=" + hub.brokerUrl() + "\napi.url=" + hub.apiUrl() + "\n";
        // printed first: whoever waits for the ready file may read the output as soon as it exists
        System.out.print(ready);
        System.out.flush();
        if (readyFile != null) {
            writeAtomically(readyFile, ready);
        }
        stopped.await();
    }

    /** {@code create-admin|add-user --user NAME [--role R] [--office ID] [--config FILE]}: see {@link UserCommand}. */
    private static int userCommand(String[] args) {
        Path configFile = null;
        String user = null;
        String role = "HEAD_OFFICE";
        String office = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(value(args, ++i, "--config"));
                case "--user" -> user = value(args, ++i, "--user");
                case "--role" -> role = value(args, ++i, "--role");
                case "--office" -> office = value(args, ++i, "--office");
                default -> {
                    System.err.println("jiaohao hub " + args[0] + ": unknown option '" + args[i] + "'");
                    usage();
                    return 2;
                }
            }
        }
        if (user == null) {
            System.err.println("jiaohao hub " + args[0] + ": --user NAME is required");
            return 2;
        }
        try {
            HubConfig config = configFile == null ? HubConfig.from(Map.of()) : HubConfig.load(configFile);
            return tw.jiaohao.hub.auth.UserCommand.run(args[0], user.toLowerCase(java.util.Locale.ROOT),
                    tw.jiaohao.hub.auth.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)), office, config.database(), System.in, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("jiaohao hub: --role must be HEAD_OFFICE, OFFICE_MANAGER or STAFF");
            return 2;
        } catch (HubException e) {
            System.err.println("jiaohao hub: " + e.getMessage());
            return 1;
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("jiaohao hub: cannot write the ready file " + file + ": " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println("jiaohao hub: " + flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("""
                usage: bin/jiaohao hub [--config hub.properties] [--ready-file path]
                       bin/jiaohao hub create-admin [--config hub.properties] --user NAME
                       bin/jiaohao hub add-user [--config hub.properties] --user NAME --role OFFICE_MANAGER|STAFF|HEAD_OFFICE [--office ID]
                  (create-admin/add-user read the password from the terminal, or the first line of stdin)
                  --config FILE      the hub's properties (see hub/src/main/resources/hub.example.properties,
                                     docs/hub/CONFIG.md); without it every key takes its default
                  --ready-file FILE  once up, write broker.url=… and api.url=… to FILE (and print them)
                Ctrl-C stops the hub cleanly.""");
    }
}
