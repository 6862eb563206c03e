package tw.jiaohao.hub.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;

/** Starts hubs for tests: free HTTP port, a database under the test's folder, fast replay requests. */
public final class HubFixture {
    private HubFixture() {
    }

    public static HubConfig config(Path dir, String brokerUrl, String clientId, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("broker.url", brokerUrl);
        m.put("mqtt.client-id", clientId);
        m.put("http.port", "0");
        m.put("db.path", dir.resolve("hub.db").toString());
        m.put("db.synchronous", "NORMAL");
        m.put("broker.embedded.dir", dir.resolve("broker").toString());
        m.put("replay.interval-seconds", "1");
        m.put("replay.max-interval-seconds", "2");
        // these tests read the ingest's API without a dashboard login
        m.put("web.ingest-api-public", "true");
        m.putAll(extra);
        return HubConfig.from(m);
    }

    public static Hub start(Path dir, String brokerUrl, String clientId) {
        return Hub.start(config(dir, brokerUrl, clientId, Map.of()), Clock.systemUTC());
    }

    /** Every seq of the office up to this one is stored at the hub (0 before its first event). */
    public static long contiguous(Hub hub, String office) {
        return hub.store().progress(office).map(p -> p.contiguousSeq()).orElse(0L);
    }
}
