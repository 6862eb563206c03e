package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hub's feature packages ({@code tw.jiaohao.hub.<feature>}) depend on each other without a
 * cycle, read from every reference in the main sources (imports and fully qualified names). The
 * root package ({@code Hub}, {@code HubMain}, {@code HubException}) is the composition root and
 * left out.
 */
class PackageCyclesTest {
    private static final Pattern REFERENCE = Pattern.compile("tw\\.jiaohao\\.hub\\.([a-z]+)\\.");

    @Test
    void theHubsPackages_formNoCycle() throws Exception {
        Path root = Path.of("src/main/java/tw/jiaohao/hub");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String pkg = rel.getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(f));
                Set<String> out = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        assertThat(uses).as("packages read").containsKeys("server", "web", "dashboard", "auth", "alerts", "notices", "db");
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycle(start, start, uses, new ArrayList<>(List.of(start)), cycles);
        }
        assertThat(cycles).as("package cycles (a -> b -> … -> a)").isEmpty();
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> uses, List<String> path, List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                findCycle(start, next, uses, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
