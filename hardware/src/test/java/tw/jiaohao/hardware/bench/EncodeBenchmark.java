package tw.jiaohao.hardware.bench;

import java.time.Instant;
import java.util.Arrays;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.TicketSlip;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;

/**
 * Encoding one ticket, p50/p99, with Chinese as Big5 (ROM printers) and as raster images (Noto Sans
 * CJK TC). Every iteration encodes a different ticket number, time, people-ahead count and QR URL;
 * the office name, category and notice hit the encoder's line cache as they do in service. The
 * "cold" rows use a fresh encoder (empty cache) for every ticket: the first ticket after start.
 *
 * <pre>
 * ./mvnw -B -q -pl hardware test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/bench-lib
 * java -cp "hardware/target/classes:hardware/target/test-classes:hardware/target/bench-lib/*" \
 *     tw.jiaohao.hardware.bench.EncodeBenchmark [iterations]
 * </pre>
 */
public final class EncodeBenchmark {
    private EncodeBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        for (String profile : new String[] {"80mm-cjk", "80mm-raster", "58mm-cjk", "58mm-raster"}) {
            TicketEncoder encoder = Samples.encoder(PrinterProfiles.get(profile));
            run(encoder, n / 2); // warm-up
            long[] nanos = run(encoder, n);
            Arrays.sort(nanos);
            print(profile, encoder.profile().chineseFontRom() ? "Big5 text" : "raster Chinese", nanos);
            if (!encoder.profile().chineseFontRom()) {
                long[] cold = new long[n / 5];
                TicketSlip t = Samples.ticket();
                for (int i = 0; i < cold.length; i++) {
                    TicketEncoder fresh = Samples.encoder(encoder.profile());
                    long start = System.nanoTime();
                    fresh.encode(t);
                    cold[i] = System.nanoTime() - start;
                }
                Arrays.sort(cold);
                print(profile, "raster, cold", cold);
            }
        }
    }

    private static void print(String profile, String kind, long[] sorted) {
        int n = sorted.length;
        System.out.printf("%-12s %-15s p50 %6.3f ms  p99 %6.3f ms  max %7.3f ms  (%d tickets)%n", profile, kind,
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6, n);
    }

    private static long[] run(TicketEncoder encoder, int n) {
        long[] nanos = new long[n];
        TicketSlip base = Samples.ticket();
        long sink = 0;
        for (int i = 0; i < n; i++) {
            TicketSlip t = new TicketSlip(base.officeName(), String.format("A%03d", i % 1000), base.categoryLabel(),
                    Instant.parse("2025-03-14T00:00:00Z").plusSeconds(60L * i), base.officeZone(), i % 50, i % 90,
                    base.qrUrl() + i, base.noticeLine());
            long start = System.nanoTime();
            sink += encoder.encode(t).length;
            nanos[i] = System.nanoTime() - start;
        }
        if (sink == 42) {
            System.out.println();
        }
        return nanos;
    }
}
