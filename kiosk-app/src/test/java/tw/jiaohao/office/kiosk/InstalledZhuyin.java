package tw.jiaohao.office.kiosk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import tw.jiaohao.office.selfservice.SelfServiceSettings;

/**
 * The 注音 data as the office node reads it: from the Debian packages at the default
 * {@code selfservice.zhuyin-dir}. Missing packages fail the test (never a skip): .ci/run installs them.
 */
final class InstalledZhuyin {
    private static Zhuyin loaded;

    private InstalledZhuyin() {
    }

    static synchronized Zhuyin get() {
        if (loaded == null) {
            Path dir = Path.of(SelfServiceSettings.DEFAULTS.get("selfservice.zhuyin-dir"));
            try {
                loaded = Zhuyin.load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("the 注音 data is missing under " + dir
                        + ": apt-get install rime-data-bopomofo rime-data-terra-pinyin (.ci/run installs them)", e);
            }
        }
        return loaded;
    }
}
