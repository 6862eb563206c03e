package tw.jiaohao.office.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of the office node through a simulated busy day: runs
 * {@code SimulationMain --speed 30 --duration 8h30m} (default) as a child JVM with
 * {@code -Xmx96m} against the broker given as first argument (default Mosquitto at
 * tcp://127.0.0.1:1883) and samples VmRSS from /proc/&lt;pid&gt;/status every 5 s. Prints the
 * samples every simulated half hour, the peak (VmHWM) and the last value. Further arguments
 * are passed to the simulation (e.g. {@code --duration 2h}). Extra JVM flags for the child come
 * from the environment variable {@code BENCH_JVM_OPTS} (e.g. {@code -XX:+UseSerialGC}).
 */
public final class OfficeMemoryBench {
    public static void main(String[] args) throws Exception {
        String broker = args.length > 0 ? args[0] : "tcp://127.0.0.1:1883";
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx96m"));
        String extra = System.getenv("BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        System.out.println("child JVM flags: " + cmd.subList(1, cmd.size()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "tw.jiaohao.office.simulation.SimulationMain",
                "--broker", broker, "--speed", "30", "--quiet", "--seed", "42",
                "--db", Files.createTempDirectory(Path.of("target"), "bench-rss").resolve("office.db").toString()));
        boolean durationGiven = false;
        for (int i = 1; i < args.length; i++) {
            cmd.add(args[i]);
            durationGiven |= args[i].equals("--duration");
        }
        if (!durationGiven) {
            cmd.addAll(List.of("--duration", "8h30m"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread echo = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.contains(" INFO ")) {
                        System.out.println("  | " + line);
                    }
                }
            } catch (java.io.IOException e) {
                // child ended
            }
        });
        echo.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long maxRss = 0;
        long lastRss = 0;
        long hwm = 0;
        int samples = 0;
        while (!p.waitFor(5, TimeUnit.SECONDS)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        lastRss = kb(line);
                        maxRss = Math.max(maxRss, lastRss);
                    } else if (line.startsWith("VmHWM:")) {
                        hwm = kb(line);
                    }
                }
            } catch (java.io.IOException e) {
                break;
            }
            if (++samples % 12 == 0) {
                System.out.printf("RSS now %d MB (peak so far %d MB)%n", lastRss / 1024, hwm / 1024);
            }
        }
        echo.join();
        System.out.printf("office node RSS with -Xmx96m through the simulated day: peak (VmHWM) %d MB, max sampled %d MB, last %d MB, exit %d%n",
                hwm / 1024, maxRss / 1024, lastRss / 1024, p.exitValue());
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
