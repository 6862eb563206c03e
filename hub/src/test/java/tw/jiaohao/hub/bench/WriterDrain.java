package tw.jiaohao.hub.bench;

import java.time.Clock;
import java.util.List;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.ingest.BatchWriter;
import tw.jiaohao.hub.ingest.Inbound;
import tw.jiaohao.hub.ingest.IngestMetrics;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * The hub's ingest writer alone ({@link BatchWriter}: decoding, the store's transactions,
 * acknowledgements), no broker and no other part of the hub: {@code n} encoded events are queued
 * first, then the writer is started and timed until all are stored and acknowledged. What the
 * writer can take when it is never short of messages (batches of {@code ingest.batch-max}).
 *
 * <pre>
 * java -cp "$CP" tw.jiaohao.hub.bench.WriterDrain jdbc:postgresql://127.0.0.1:5432/&lt;an empty database&gt; 20000
 * </pre>
 * Two offices in turn: the first warms the JIT up, the second is the figure.
 */
public final class WriterDrain {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        JsonCodec codec = new JsonCodec();
        try (tw.jiaohao.hub.db.HubDatabase db = tw.jiaohao.hub.db.HubDatabase.open(tw.jiaohao.hub.db.DbSettings.postgresql(url, "postgres", ""));
             tw.jiaohao.hub.store.SqliteHubStore store = new tw.jiaohao.hub.store.SqliteHubStore(db,
                     tw.jiaohao.hub.store.SqliteHubStore.Sync.valueOf(HubConfig.DEFAULTS.get("db.synchronous")), codec, Clock.systemUTC(),
                     java.time.ZoneId.of("Asia/Taipei"), tw.jiaohao.hub.store.SqliteHubStore.DEFAULT_MAX_SEQ_AHEAD)) {
            for (String office : List.of("warm-" + System.nanoTime() % 100000, "drain-" + System.nanoTime() % 100000)) {
                List<byte[]> payloads = IngestBenchmark.events(office, n);
                IngestMetrics metrics = new IngestMetrics();
                BatchWriter w = new BatchWriter(store, codec, n + 10, 1000, metrics, o -> { });
                for (byte[] p : payloads) {
                    w.submit(new Inbound(Topics.event(office), p, () -> { }));
                }
                long start = System.nanoTime();
                w.start();
                while (!w.isIdle()) {
                    Thread.sleep(1);
                }
                double s = (System.nanoTime() - start) / 1e9;
                w.close();
                System.out.printf("%s: %d events in %d batches, %.0f events/s%n", office, metrics.stored.get(), metrics.batches.get(), n / s);
            }
        }
    }
}
