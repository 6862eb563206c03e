package tw.jiaohao.board.testing;

import java.util.Properties;
import tw.jiaohao.board.DisplayConfig;

/** Configurations for tests: defaults plus the broker and office under test. */
public final class Configs {
    private Configs() {
    }

    public static DisplayConfig of(DisplayConfig.Role role, String brokerUrl, String office, Integer counter, String... extra) {
        Properties p = new Properties();
        p.setProperty("mqtt.url", brokerUrl);
        p.setProperty("office.id", office);
        p.setProperty("mqtt.reconnect.min-ms", "100");
        p.setProperty("mqtt.reconnect.max-ms", "1000");
        p.setProperty("ui.fullscreen", "false");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return DisplayConfig.from(p, role, counter);
    }
}
