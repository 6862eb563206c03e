package tw.jiaohao.office.kiosk;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.config.HardwareConfig;
import tw.jiaohao.office.OfficeNode;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.selfservice.SelfServiceNode;
import tw.jiaohao.office.selfservice.SelfServiceSettings;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao kiosk [--config f] [--broker url] [--office id] [--windowed]}: the office node (queue engine, store, MQTT link) with its
 * touchscreen in one process. Reads one properties file for all of it: the office keys, the
 * hardware keys ({@code hardware = pi | simulated}, {@code printer.*}) and the kiosk's
 * {@code kiosk.*} keys, and the {@code selfservice.*} keys (self-service requests from the home
 * screen when {@code selfservice.hub-public-key} is set). Not a JavaFX {@code Application} subclass, so it runs from the class path.
 */
public final class KioskMain {
    private static final Logger log = LoggerFactory.getLogger(KioskMain.class);

    private KioskMain() {
    }

    public static void main(String[] args) throws Exception {
        Bugs.exitOnUncaught("kiosk");
        Path file = null;
        boolean windowed = false;
        Properties flags = new Properties();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> file = Path.of(value(args, ++i, "--config"));
                case "--windowed" -> windowed = true;
                case "--broker" -> flags.setProperty("mqtt.url", value(args, ++i, "--broker"));
                case "--office" -> flags.setProperty("office.id", value(args, ++i, "--office"));
                case "-h", "--help" -> {
                    System.out.println("usage: bin/jiaohao kiosk [--config office.properties] [--broker tcp://host:port] [--office ID] [--windowed]");
                    System.out.println("  --config    the office node's properties (office, hardware and kiosk.* keys);");
                    System.out.println("              default: the bundled example office with a simulated printer");
                    System.out.println("  --broker    overrides mqtt.url, e.g. the demo's broker URL");
                    System.out.println("  --office    overrides office.id (its database becomes data/office-<ID>.db unless database.path is set)");
                    System.out.println("  --windowed  a kiosk.width × kiosk.height window instead of full screen");
                    return;
                }
                default -> fail("unknown option " + args[i] + " (see --help)");
            }
        }
        Properties props = read(file);
        props.putAll(flags);
        OfficeConfig config;
        KioskSettings settings;
        HardwareConfig hardwareConfig;
        SelfServiceSettings selfService;
        tw.jiaohao.office.kiosk.voice.Guidance guidance;
        try {
            config = OfficeConfigLoader.fromProperties(props);
            settings = KioskSettings.from(props);
            hardwareConfig = HardwareConfig.from(props);
            selfService = SelfServiceSettings.from(props);
            guidance = tw.jiaohao.office.kiosk.voice.Guidance.from(props, new tw.jiaohao.office.kiosk.voice.FxAudio());
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        if (windowed) {
            settings = settings.withFullScreen(false);
        }
        Zhuyin zhuyin = null;
        if (selfService.enabled()) {
            try {
                long t0 = System.nanoTime();
                zhuyin = Zhuyin.load(selfService.zhuyinDir());
                log.info("注音 name entry: {} character readings from {} ({} ms)", zhuyin.size(), selfService.zhuyinDir(),
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (java.io.IOException | IllegalArgumentException e) {
                // names are required for 過戶 and 停用: without 注音 most customers could not type theirs
                fail(new tw.jiaohao.office.config.ConfigException("selfservice.zhuyin-dir", "the 注音 data for typing names cannot be read ("
                        + e.getMessage() + "); install the Debian packages rime-data-bopomofo and rime-data-terra-pinyin,"
                        + " or name the folder that holds zhuyin.yaml and build/terra_pinyin.table.txt").getMessage());
                return;
            }
        }
        run(config, settings, hardwareConfig, selfService, zhuyin, guidance);
    }

    private static void run(OfficeConfig config, KioskSettings settings, HardwareConfig hardwareConfig,
                            SelfServiceSettings selfServiceSettings, Zhuyin zhuyin,
                            tw.jiaohao.office.kiosk.voice.Guidance guidance) throws Exception {
        Clock clock = Clock.systemUTC();
        OfficeNode node;
        try {
            node = OfficeNode.start(config, clock, config.mqtt().backoff());
        } catch (tw.jiaohao.office.OfficeException e) {
            if (e instanceof tw.jiaohao.office.ticketing.DamagedDatabaseException damaged) {
                tw.jiaohao.office.link.MqttLink.reportCannotStart(config, clock, damaged.statusDetail());
            }
            fail(e.getMessage()); // a damaged database or a bad path: what to do, not a stack trace
            return;
        }
        HardwareFactory hardware = new HardwareFactory(hardwareConfig);
        MqttKioskLink link = new MqttKioskLink(node.session(), config.officeId(), settings.deviceId());
        link.start();
        ExecutorService engine = Executors.newSingleThreadExecutor(r -> daemon(r, "kiosk-engine"));
        ExecutorService printing = Executors.newSingleThreadExecutor(r -> daemon(r, "kiosk-printer"));
        KioskPrinter printer = new TicketPrinterAdapter(hardware.printer());
        // self-service is off until selfservice.hub-public-key names the hub's key (personal data is sealed for it)
        SelfServiceNode selfService = selfServiceSettings.enabled() ? SelfServiceNode.start(config, selfServiceSettings,
                node.database(), node.service(), hardware.printer(), clock, node.session()) : null;
        ExecutorService selfServiceWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "kiosk-selfservice"));

        CountDownLatch closed = new CountDownLatch(1);
        KioskSettings s = settings;
        tw.jiaohao.office.kiosk.voice.Guidance voice = guidance;
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            KioskUi ui = new KioskUi(new OfficeServiceQueue(node.service()), printer, link, s, new FxTimers(), clock,
                    engine, printing);
            if (selfService != null) {
                ui.enableSelfService(selfService.desk(), selfServiceWorker, zhuyin);
            }
            ui.enableVoice(voice);
            tw.jiaohao.protocol.settings.OfficeSettings.Languages kept = node.fleetSettings().languages();
            if (kept != null) {
                ui.offerLanguages(kept.offered(), kept.defaultLanguage());
            }
            node.fleetSettings().onLanguages(l -> Platform.runLater(() -> ui.offerLanguages(l.offered(), l.defaultLanguage())));
            Stage stage = new Stage(s.fullScreen() ? StageStyle.UNDECORATED : StageStyle.DECORATED);
            Scene scene = new Scene(ui.root(), s.width(), s.height());
            stage.setTitle(config.nameZh() + " 取號機");
            stage.setScene(scene);
            if (s.fullScreen()) {
                scene.setCursor(Cursor.NONE);
                stage.setFullScreenExitHint("");
                stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
                stage.setFullScreen(true);
            }
            stage.setOnHidden(e -> {
                ui.stop();
                closed.countDown();
            });
            stage.show();
            ui.start();
            log.info("kiosk for office {} on screen ({}×{}{}), printer: {}, self-service {}, voice guidance {}", config.officeId(),
                    s.width(), s.height(), s.fullScreen() ? ", full screen" : "", hardware.printer().describe(),
                    selfService != null ? "on" : "off", voice.on() ? "on at " + Math.round(voice.volume() * 100) + " %" : "off");
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Platform.runLater(() -> Platform.exit());
            closed.countDown();
        }, "kiosk-shutdown"));
        closed.await();
        engine.shutdown();
        printing.shutdown();
        selfServiceWorker.shutdown();
        if (selfService != null) {
            selfService.close();
        }
        link.close();
        hardware.close();
        node.close();
        Platform.exit();
        log.info("kiosk stopped");
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        if (file == null) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            fail("cannot read " + file + " as a UTF-8 properties file: " + e.getMessage());
        }
        return p;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("jiaohao kiosk: " + message);
        System.exit(2);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
