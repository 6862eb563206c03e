package tw.jiaohao.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hub's SQL runs on SQLite and PostgreSQL alike: no main source outside {@code hub.db} uses
 * SQLite-only SQL ({@code INSERT OR IGNORE/REPLACE}, {@code last_insert_rowid()},
 * {@code strftime}, {@code julianday}, scalar {@code MAX(a, b)}, {@code IS NOT} between values,
 * {@code PRAGMA} outside a check of the dialect). Write {@code ON CONFLICT}, {@code RETURNING},
 * {@code IS DISTINCT FROM}, {@code CASE}; put what cannot be written once into {@link Dialect}.
 */
class PortableSqlTest {
    private static final List<Pattern> SQLITE_ONLY = List.of(
            Pattern.compile("INSERT\\s+OR\\s+(IGNORE|REPLACE)", Pattern.CASE_INSENSITIVE),
            Pattern.compile("last_insert_rowid", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bstrftime\\s*\\(", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bjulianday\\s*\\(", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\"[^\"]*(?<!\\.)\\b(MAX|MIN)\\([^(),\"]+,[^()\"]+\\)", Pattern.CASE_INSENSITIVE),
            // SQLite's null-safe comparison with another column or the upsert's excluded row
            Pattern.compile("\\bIS NOT (excluded|[a-z_]+)\\.[a-z_]+", Pattern.CASE_INSENSITIVE));

    @Test
    void noMainSource_usesSqliteOnlySql() throws Exception {
        Path main = Path.of("src/main/java/tw/jiaohao/hub");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(main.resolve("db"))).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    for (Pattern p : SQLITE_ONLY) {
                        if (p.matcher(lines.get(i)).find()) {
                            found.add(main.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("SQLite-only SQL (the hub runs on PostgreSQL too; see docs/hub/SCALE.md)").isEmpty();
    }
}
