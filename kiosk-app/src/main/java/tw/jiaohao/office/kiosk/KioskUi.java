package tw.jiaohao.office.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.event.Event;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.kiosk.voice.Guidance;
import tw.jiaohao.office.kiosk.voice.Prompt;
import tw.jiaohao.office.selfservice.SelfServiceDesk;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;

/**
 * The kiosk's touchscreen: home, ticket and rating screens, wired to the queue engine, the
 * printer and the hub link through their ports.
 *
 * <p>Threading: build it, call {@link #start()}, and touch it only on the JavaFX thread. Engine
 * calls run on the {@code engine} executor and printer calls on the {@code printer} executor
 * (one thread each in production); their results come back with {@link Platform#runLater}.
 * Snapshots and notices arriving on other threads are coalesced: the screen applies the newest.
 *
 * <p>Screen flow: home → (category) ticket → home after {@code ticketShown} (printed) or
 * {@code printerFailureShown} (not printed), or on "done"; home → rating → home. No touch or
 * key for {@code idleTimeout} on a rating or self-service screen brings up "need more time?"
 * with a countdown of {@code idleWarning} and a "continue" button; any touch or key (a
 * keyboard-wedge scanner too) counts as activity and dismisses it; at zero the kiosk returns
 * home, forgetting what was typed. Every idle reset restores the configured language. After
 * each screen change (an idle reset included) touches are ignored for {@code touchGuard}, so a
 * tap meant for the wiped form issues nothing, and while a ticket is being issued the category
 * buttons are disabled: one touch never issues two tickets.
 *
 * <p>With {@link #enableSelfService} the home screen also offers self-service requests
 * ({@link SelfServiceScreen}): every step change is guarded the same way; the idle timeout
 * returns home from any step but the request being taken and its receipt, and forgets
 * everything typed (the screen's controls are emptied and dropped, the session forgets).
 */
public final class KioskUi {
    private static final Logger log = LoggerFactory.getLogger(KioskUi.class);
    private static final Duration NOTICE_RECHECK = Duration.ofSeconds(30);
    /** How often the printer is read while nobody prints (a status request is a few bytes over USB). */
    static final Duration PRINTER_CHECK = Duration.ofSeconds(10);
    private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("M/d HH:mm");

    /** The screens. */
    public enum Screen { HOME, TICKET, RATING, SELF_SERVICE }

    private final KioskQueue queue;
    private final KioskPrinter printer;
    private final KioskHubLink hub;
    private final KioskSettings settings;
    private final KioskTimers timers;
    private final Clock clock;
    private final Executor engine;
    private final Executor printing;
    private final KioskMetrics metrics = new KioskMetrics();
    private final I18n i18n;

    /** The window; it turns the frame for {@code kiosk.rotation}. */
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StackPane content = new StackPane();
    /** The screens and the idle warning: in large print it carries the {@code large-print} style class. */
    private final StackPane body = new StackPane();
    private final Label officeName = new Label();
    private final VBox banner = new VBox();
    private final VBox header = new VBox();
    private final HBox topBar = new HBox();
    private final VBox rail = new VBox();
    private final Region topGap = new Region();
    private final Region railGap = new Region();
    private final Button zh;
    private final Button en;
    /** The language of every idle reset: the file's {@code kiosk.language} until head office's settings name one. */
    private Locale homeLanguage;
    /** Large print on and off; shown on the home screen only, where it takes its place in the top bar. */
    private final Button large = new Button() {
        @Override
        protected double computeMinWidth(double height) {
            // in the top bar its words are never shortened (the office name wraps instead), and it is a touch target
            return Math.max(fit == null ? 0 : fit.touch(), computePrefWidth(height));
        }
    };
    private KioskFit fit;
    private final HomeScreen home;
    private final TicketScreen ticket;
    private final RatingScreen rating;
    private SelfServiceDesk selfServiceDesk;
    private Executor selfServiceWorker;
    private Zhuyin zhuyin;
    private SelfServiceScreen selfService;

    private final AtomicReference<StateSnapshot> pendingSnapshot = new AtomicReference<>();
    private final Map<String, NoticeBoard> boards = new HashMap<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private StateSnapshot snapshot;
    private Screen screen = Screen.HOME;
    private boolean issuing;
    private boolean guarded;
    private Runnable idleTimer = () -> { };
    private Runnable screenTimer = () -> { };
    private Runnable guardTimer = () -> { };
    private Runnable noticeTimer = () -> { };
    private Runnable warningTimer = () -> { };
    private final StackPane idleVeil = new StackPane();
    private final Label idleCountdown = new Label();
    private long warningLeft;
    private Runnable printerTimer = () -> { };
    private Guidance guidance = Guidance.SILENT;
    /** The next touch at the home screen is a new customer's first: greet with the home prompt. */
    private boolean greet = true;
    /** The current touch already said the home prompt (switching large print on with it says it once). */
    private boolean greetedByThisTouch;
    /** The idle reset restores the language: not a customer's choice, nothing said. */
    private boolean resetting;
    // printer worker thread only
    private PrinterCondition reported;

    public KioskUi(KioskQueue queue, KioskPrinter printer, KioskHubLink hub, KioskSettings settings, KioskTimers timers,
                   Clock clock, Executor engine, Executor printing) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.printer = Objects.requireNonNull(printer, "printer");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.printing = Objects.requireNonNull(printing, "printing");
        this.homeLanguage = settings.language();
        this.i18n = new I18n(settings.language());
        large.setId("large-print");
        large.getStyleClass().addAll("lang-button", "large-toggle");
        large.textProperty().bind(i18n.text("home.large"));
        large.setOnAction(e -> largePrint(!largePrintOn()));
        zh = languageButton("lang-zh", "lang.zh", I18n.CHINESE);
        en = languageButton("lang-en", "lang.en", I18n.ENGLISH);
        home = new HomeScreen(i18n, this::onCategory, this::openRating);
        ticket = new TicketScreen(i18n, this::goHome);
        rating = new RatingScreen(i18n, this::onRate, this::goHome);
        buildFrame();
    }

    /**
     * Offers self-service requests (過戶 transfer, 停用 suspension) from the home screen. Call
     * before {@link #start()}, JavaFX thread. Every call into {@code desk} runs on {@code worker}
     * (one thread: a session is used by one thread at a time; a look-up blocks up to
     * {@code selfservice.lookup-timeout-ms}); receipts print on the printer executor. Names are
     * typed in 注音 with {@code names}.
     */
    public void enableSelfService(SelfServiceDesk desk, Executor worker, Zhuyin names) {
        selfServiceDesk = Objects.requireNonNull(desk, "desk");
        selfServiceWorker = Objects.requireNonNull(worker, "worker");
        zhuyin = Objects.requireNonNull(names, "names: the 注音 data (selfservice.zhuyin-dir)");
        home.enableSelfService(this::openSelfService);
    }

    /**
     * Speaks guidance through {@code voice} ({@code kiosk.voice}): the home prompt at a new customer's
     * first touch, when a language is chosen and when large print is switched on; whether the ticket
     * printed; the idle warning. Call before {@link #start()}, JavaFX thread.
     */
    public void enableVoice(Guidance voice) {
        guidance = Objects.requireNonNull(voice, "voice");
        i18n.localeProperty().addListener((o, was, now) -> {
            if (!resetting && screen == Screen.HOME) {
                say(Prompt.HOME);
            }
        });
    }

    private void say(Prompt prompt) {
        guidance.say(prompt, i18n.locale());
    }

    /** The scene root: every screen lays itself out for the size the window has ({@link KioskFit}). */
    public Parent root() {
        return root;
    }

    public KioskMetrics metrics() {
        return metrics;
    }

    public Screen screen() {
        return screen;
    }

    /** The self-service step on screen, or null when no request is under way (for tests). */
    SelfServiceScreen.Step selfServiceStep() {
        return selfService == null ? null : selfService.step();
    }

    public Locale language() {
        return i18n.locale();
    }

    /** Subscribes to snapshots and notices and reads the printer's condition once. JavaFX thread. */
    public void start() {
        unsubscribe.add(queue.onSnapshot(this::snapshotArrived));
        unsubscribe.add(hub.onNotices(board -> Platform.runLater(() -> noticesArrived(board))));
        checkPrinter();
        scheduleNoticeRecheck();
        show(Screen.HOME);
    }

    /** Unsubscribes and stops the timers. JavaFX thread. */
    public void stop() {
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
        idleTimer.run();
        screenTimer.run();
        guardTimer.run();
        noticeTimer.run();
        warningTimer.run();
        printerTimer.run();
    }

    /** True while "need more time?" is on screen (for tests). */
    boolean idleWarningShown() {
        return idleVeil.isVisible();
    }

    /**
     * Reads the printer now and again every {@link #PRINTER_CHECK}, so the home screen says before
     * the tap when tickets cannot be printed (and stops saying it once paper is loaded). JavaFX thread.
     */
    private void checkPrinter() {
        printing.execute(() -> report(readStatus()));
        printerTimer = timers.after(PRINTER_CHECK, this::checkPrinter);
    }

    // ---- frame: top bar (or side rail), notice banner, current screen; laid out for the window ----

    private void buildFrame() {
        officeName.getStyleClass().add("office-name");
        officeName.setId("office-name");
        officeName.setMinWidth(0);
        officeName.setMinHeight(Region.USE_PREF_SIZE);
        topGap.setMinWidth(0);
        HBox.setHgrow(topGap, Priority.ALWAYS);
        VBox.setVgrow(railGap, Priority.ALWAYS);
        topBar.getStyleClass().add("top-bar");
        topBar.setAlignment(Pos.CENTER_LEFT);
        rail.getStyleClass().addAll("top-bar", "side-rail");
        rail.setAlignment(Pos.TOP_CENTER);
        banner.setId("notice-banner");
        banner.getStyleClass().add("notice-banner");
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setVisible(false);
        buildIdleWarning();
        body.getChildren().setAll(content, idleVeil);
        frame.setCenter(body);
        frame.setTop(header);
        frame.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource("kiosk.css")).toExternalForm());
        frame.getStyleClass().add("kiosk");
        frame.setRotate(settings.rotation());
        root.getStyleClass().add("letterbox");
        root.getStylesheets().add(frame.getStylesheets().get(0));
        root.getChildren().add(frame);
        root.widthProperty().addListener((o, was, now) -> refit());
        root.heightProperty().addListener((o, was, now) -> refit());
        refit(settings.width(), settings.height());
        root.addEventFilter(MouseEvent.ANY, this::filterTouch);
        root.addEventFilter(TouchEvent.ANY, this::filterTouch);
        // a keyboard-wedge scanner or a keyboard is activity as much as a touch
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> activity());
    }

    private void buildIdleWarning() {
        Label title = new Label();
        title.setId("idle-title");
        title.getStyleClass().add("idle-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(i18n.text("idle.title"));
        idleCountdown.setId("idle-countdown");
        idleCountdown.getStyleClass().add("idle-countdown");
        idleCountdown.setWrapText(true);
        idleCountdown.setMinHeight(Region.USE_PREF_SIZE);
        Button more = new Button();
        more.setId("idle-continue");
        more.getStyleClass().add("action");
        more.setFocusTraversable(false);
        more.textProperty().bind(i18n.text("idle.continue"));
        more.setOnAction(e -> activity());
        VBox box = new VBox(title, idleCountdown, more);
        box.setId("idle-warning");
        box.getStyleClass().add("idle-box");
        box.setAlignment(Pos.CENTER);
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        idleVeil.getStyleClass().add("idle-veil");
        idleVeil.getChildren().setAll(box);
        idleVeil.setVisible(false);
        i18n.localeProperty().addListener((o, was, now) -> showCountdown());
        idleVeil.setUserData(new Object[] {box, title, more});
    }

    private void fitIdleWarning(KioskFit f) {
        Object[] parts = (Object[]) idleVeil.getUserData();
        VBox box = (VBox) parts[0];
        Label title = (Label) parts[1];
        Button more = (Button) parts[2];
        box.setSpacing(f.px(24));
        double width = Math.min(f.width() - f.px(80), f.px(f.large() ? 1000 : 720));
        box.setPrefWidth(width);
        box.setMaxWidth(width);
        title.setMaxWidth(width);
        idleCountdown.setMaxWidth(width);
        more.setMinHeight(f.touch());
        more.setMinWidth(Math.max(f.touch(), f.px(320)));
    }

    private void refit() {
        if (root.getWidth() > 0 && root.getHeight() > 0) {
            refit(root.getWidth(), root.getHeight());
        }
    }

    /** Lays the frame and every screen out for a {@code w}×{@code h} window (turned by {@code kiosk.rotation}). */
    private void refit(double w, double h) {
        boolean turned = settings.rotation() % 180 != 0;
        double fw = turned ? h : w;
        double fh = turned ? w : h;
        frame.setMinSize(fw, fh);
        frame.setPrefSize(fw, fh);
        frame.setMaxSize(fw, fh);
        KioskFit next = KioskFit.of(fw, fh, settings.screenDpi()).withLarge(largePrintOn());
        if (next.equals(fit)) {
            return;
        }
        fit = next;
        frame.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", next.em()));
        frame.getStyleClass().removeAll("compact", "portrait");
        if (next.compact() || next.portrait()) {
            frame.getStyleClass().add(next.compact() ? "compact" : "portrait");
        }
        for (Button b : List.of(large, zh, en)) {
            b.setMinHeight(next.touch());
            b.setMinWidth(Math.max(next.touch(), next.px(170)));
        }
        // in the narrow side rail its words wrap, so the rail is no wider than the language buttons
        large.setWrapText(next.compact());
        large.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        if (next.compact()) {
            large.setMaxWidth(Math.max(next.touch(), next.px(170)));
        } else {
            large.setMaxWidth(Double.MAX_VALUE);
            large.setMinWidth(Region.USE_COMPUTED_SIZE);
        }
        if (next.compact()) {
            // short and wide: the language buttons in a rail at the side leave the height to the screens
            officeName.setWrapText(true);
            officeName.setMaxWidth(Math.max(next.touch(), next.px(170)));
            rail.getChildren().setAll(officeName, railGap, large, zh, en);
            topBar.getChildren().clear();
            header.getChildren().setAll(banner);
            frame.setRight(rail);
        } else {
            // a long office name wraps rather than pushing the buttons out or losing its end
            officeName.setWrapText(true);
            officeName.setMaxWidth(Double.MAX_VALUE);
            topBar.getChildren().setAll(officeName, topGap, large, zh, en);
            rail.getChildren().clear();
            header.getChildren().setAll(topBar, banner);
            frame.setRight(null);
        }
        fitScreens(next);
    }

    private void fitScreens(KioskFit next) {
        fitIdleWarning(next);
        home.fit(next);
        ticket.fit(next);
        rating.fit(next);
        if (selfService != null) {
            selfService.fit(next);
        }
    }

    /** How the screens are laid out now (for tests). */
    KioskFit fit() {
        return fit;
    }

    /**
     * Head office's choice of languages (settings pushed to the office): the buttons of the
     * languages not offered go (both go when one language is offered) and the default becomes the
     * language of every idle reset. A customer on the home screen in a language no longer offered
     * is switched now; anyone further along keeps theirs until the next reset (never mid-ticket).
     * JavaFX thread.
     *
     * @param offered  {@code zh-TW} and/or {@code en}
     * @param language the default, one of {@code offered}
     */
    public void offerLanguages(java.util.List<String> offered, String language) {
        boolean both = offered.contains("zh-TW") && offered.contains("en");
        zh.setVisible(both);
        zh.setManaged(both);
        en.setVisible(both);
        en.setManaged(both);
        homeLanguage = "en".equals(language) ? I18n.ENGLISH : I18n.CHINESE;
        boolean offeredNow = offered.contains(i18n.locale().equals(I18n.ENGLISH) ? "en" : "zh-TW");
        if (screen == Screen.HOME && !offeredNow) {
            i18n.localeProperty().set(homeLanguage);
        }
    }

    /** The language of every idle reset (the file's until head office names one). */
    public Locale homeLanguage() {
        return homeLanguage;
    }

    private Button languageButton(String id, String key, Locale locale) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("lang-button");
        b.textProperty().bind(i18n.text(key));
        i18n.localeProperty().addListener((o, was, now) -> current(b, now.equals(locale)));
        current(b, i18n.locale().equals(locale));
        b.setOnAction(e -> i18n.localeProperty().set(locale));
        return b;
    }

    private static void current(Button b, boolean current) {
        b.getStyleClass().remove("current");
        if (current) {
            b.getStyleClass().add("current");
        }
    }

    private void filterTouch(Event e) {
        if (guarded) {
            if (e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == TouchEvent.TOUCH_PRESSED) {
                metrics.touchesIgnored.incrementAndGet();
            }
            e.consume();
            return;
        }
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == TouchEvent.TOUCH_PRESSED) {
            greetedByThisTouch = greet && screen == Screen.HOME;
            if (greetedByThisTouch) {
                greet = false;
                say(Prompt.HOME);
            }
            activity();
        }
    }

    /** A touch or a key: the customer is still there. */
    private void activity() {
        if (idleVeil.isVisible()) {
            hideWarning();
        }
        restartIdle();
    }

    private void showWarning() {
        warningLeft = settings.idleWarning().toSeconds();
        metrics.idleWarnings.incrementAndGet();
        showCountdown();
        idleVeil.setVisible(true);
        // the question alone on the screen: nothing behind it to read or to tap by mistake
        content.setVisible(false);
        say(Prompt.IDLE_WARNING);
        tick();
    }

    private void tick() {
        warningTimer.run();
        warningTimer = timers.after(Duration.ofSeconds(1), () -> {
            warningLeft--;
            if (warningLeft <= 0) {
                hideWarning();
                reset();
            } else {
                showCountdown();
                tick();
            }
        });
    }

    private void showCountdown() {
        idleCountdown.setText(i18n.format("idle.countdown", warningLeft));
    }

    private void hideWarning() {
        warningTimer.run();
        idleVeil.setVisible(false);
        content.setVisible(true);
    }

    private void show(Screen next) {
        screen = next;
        showBanner();
        // invisible but still laid out: the language buttons beside it never move
        large.setVisible(next == Screen.HOME);
        screenTimer.run();
        content.getChildren().setAll(switch (next) {
            case HOME -> home.node();
            case TICKET -> ticket.node();
            case RATING -> rating.node();
            case SELF_SERVICE -> selfService.node();
        });
        guardAndRestartIdle();
    }

    /**
     * Large print on or off: the home screen's layout of its own, and every other screen (ticket,
     * rating, self-service, the idle warning) in large type, laid out again for it. It stays on for
     * this customer until the idle reset.
     */
    private void largePrint(boolean on) {
        home.largePrint(on);
        current(large, on);
        body.getStyleClass().remove("large-print");
        if (on) {
            body.getStyleClass().add("large-print");
        }
        if (fit != null && fit.large() != on) {
            // laid out anew: in large type a screen may be short (side rail, buttons beside the keypads)
            fit = null;
            refit();
        }
        if (on && !greetedByThisTouch) {
            say(Prompt.HOME);
        }
    }

    /** True while the home screen is in large print (for tests). */
    boolean largePrintOn() {
        return home.largePrint();
    }

    /** Touches are ignored for a moment after the screen changed, so one double tap never acts twice. */
    private void guardAndRestartIdle() {
        guardTimer.run();
        if (!settings.touchGuard().isZero()) {
            guarded = true;
            guardTimer = timers.after(settings.touchGuard(), () -> guarded = false);
        }
        restartIdle();
    }

    private void restartIdle() {
        idleTimer.run();
        idleTimer = timers.after(settings.idleTimeout(), this::idle);
    }

    private void idle() {
        // the ticket screen has its own, longer timer (a failed print must stay visible)
        if (screen == Screen.TICKET || screen == Screen.SELF_SERVICE && selfService.holdsScreen()) {
            return;
        }
        if (screen != Screen.HOME) {
            // something typed may be lost: ask first
            showWarning();
            return;
        }
        reset();
    }

    private void reset() {
        if (screen != Screen.HOME || !i18n.locale().equals(homeLanguage) || largePrintOn()) {
            metrics.idleResets.incrementAndGet();
        }
        resetting = true;
        try {
            i18n.localeProperty().set(homeLanguage);
        } finally {
            resetting = false;
        }
        greet = true;
        // home first: the self-service screen is gone before the screens are laid out again in normal type
        goHome();
        largePrint(false);
    }

    private void goHome() {
        hideWarning();
        if (selfService != null) {
            selfService.forget();
            selfService = null;
        }
        rating.reset();
        home.showProblem(null);
        home.firstPage();
        show(Screen.HOME);
    }

    // ---- ticket ----

    private record Prepared(KioskTicket ticket, SlipRequest slip, Image qr) {
    }

    private void onCategory(String code) {
        if (issuing || screen != Screen.HOME) {
            metrics.touchesIgnored.incrementAndGet();
            return;
        }
        issuing = true;
        home.setBusy(true);
        home.showProblem(null);
        StateSnapshot state = snapshot;
        String notice = activeNotices().stream().findFirst().map(Notice::titleZh).orElse(null);
        CompletableFuture.supplyAsync(() -> prepare(code, state, notice), engine)
                .whenComplete((p, error) -> Platform.runLater(() -> issued(code, p, error)));
    }

    private Prepared prepare(String code, StateSnapshot state, String notice) {
        KioskTicket t = queue.issue(code);
        String url = settings.statusUrl(state.office(), t);
        String label = category(state, code).map(CategoryView::nameZh).orElse(code);
        SlipRequest slip = new SlipRequest(t, state.officeName(), label, ZoneId.of(state.zone()), url,
                notice == null ? null : notice.substring(0, Math.min(notice.length(), 120)));
        return new Prepared(t, slip, QrCodes.image(url, TicketScreen.QR_SIZE));
    }

    private void issued(String code, Prepared p, Throwable error) {
        issuing = false;
        home.setBusy(false);
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            metrics.issueFailures.incrementAndGet();
            if (cause instanceof KioskRefusedException r) {
                log.info("category {}: no ticket issued: {}", code, r.getMessage());
                home.showProblem(i18n.format("home.refused", r.getMessage()));
            } else {
                log.warn("category {}: issuing failed: {}", code, cause.toString());
                home.showProblem(i18n.format("home.failed"));
            }
            return;
        }
        ticket.show(p.ticket(), category(snapshot, code).orElse(null), p.qr());
        show(Screen.TICKET);
        metrics.ticketsShown.incrementAndGet();
        CompletableFuture.supplyAsync(() -> print(p.slip()), printing)
                .thenAccept(r -> Platform.runLater(() -> printDone(p.ticket(), r)));
    }

    private void printDone(KioskTicket t, PrintReport r) {
        if (screen != Screen.TICKET || !t.number().equals(ticket.number())) {
            return;
        }
        ticket.printed(r);
        say(r.printed() ? Prompt.TICKET_PRINTED : Prompt.TICKET_NOT_PRINTED);
        screenTimer.run();
        screenTimer = timers.after(r.printed() ? settings.ticketShown() : settings.printerFailureShown(), this::goHome);
    }

    /** Printer worker thread. */
    private PrintReport print(SlipRequest slip) {
        PrintReport r;
        try {
            r = printer.print(slip);
        } catch (RuntimeException e) {
            // a printer adapter must not throw for device faults; if one does, the customer still gets the screen
            log.error("printer adapter threw while printing ticket {}", slip.ticket().number(), e);
            r = new PrintReport(false, new PrinterReading(PrinterCondition.OFFLINE, "printer.failed", e.toString()));
        }
        if (r.printed()) {
            metrics.ticketsPrinted.incrementAndGet();
        } else {
            metrics.printFailures.incrementAndGet();
            log.warn("ticket {} not printed: {} {}", slip.ticket().number(), r.printer().code(), r.printer().message());
        }
        report(r.printer());
        return r;
    }

    private PrinterReading readStatus() {
        try {
            return printer.status();
        } catch (RuntimeException e) {
            log.error("printer adapter threw while reading status", e);
            return new PrinterReading(PrinterCondition.OFFLINE, "printer.failed", e.toString());
        }
    }

    /** Printer worker thread: tells the hub when the printer's condition changed. */
    private void report(PrinterReading reading) {
        PrinterCondition now = reading.condition();
        Platform.runLater(() -> home.printerCondition(now));
        if (reading.condition() == reported) {
            return;
        }
        reported = reading.condition();
        log.info("printer condition now {} ({})", reading.condition(), reading.message());
        hub.reportPrinter(reading.condition(), reading.message());
    }

    // ---- self-service ----

    private void openSelfService() {
        if (screen != Screen.HOME || selfServiceDesk == null) {
            return;
        }
        selfService = new SelfServiceScreen(i18n, fit, selfServiceDesk, selfServiceWorker, printing, metrics, zhuyin,
                new SelfServiceScreen.Host() {
                    @Override
                    public void home() {
                        goHome();
                    }

                    @Override
                    public void takeTicket(String category) {
                        goHome();
                        onCategory(category);
                    }

                    @Override
                    public void stepChanged() {
                        if (screen == Screen.SELF_SERVICE) {
                            guardAndRestartIdle();
                        }
                    }

                    @Override
                    public void receiptPrinted(boolean printed) {
                        screenTimer.run();
                        screenTimer = timers.after(printed ? settings.ticketShown() : settings.printerFailureShown(), KioskUi.this::goHome);
                        printing.execute(() -> report(readStatus()));
                    }
                });
        show(Screen.SELF_SERVICE);
    }

    // ---- rating ----

    private void openRating() {
        rating.reset();
        show(Screen.RATING);
    }

    private void onRate(String number, Rating r) {
        rating.showSending();
        CompletableFuture.supplyAsync(() -> queue.rate(number, r), engine)
                .exceptionally(e -> new RatingReply(RatingReply.Outcome.FAILED, e.toString()))
                .thenAccept(reply -> Platform.runLater(() -> rated(number, reply)));
    }

    private void rated(String number, RatingReply reply) {
        (reply.accepted() ? metrics.ratingsAccepted : metrics.ratingsRefused).incrementAndGet();
        if (!reply.accepted()) {
            log.info("rating for {} refused: {} {}", number, reply.outcome(), reply.detail());
        }
        if (screen == Screen.RATING) {
            rating.showReply(number, reply);
            screenTimer.run();
            screenTimer = timers.after(settings.ticketShown(), this::goHome);
        }
    }

    // ---- live state and notices ----

    private void snapshotArrived(StateSnapshot s) {
        if (pendingSnapshot.getAndSet(s) == null) {
            Platform.runLater(() -> {
                StateSnapshot newest = pendingSnapshot.getAndSet(null);
                if (newest != null) {
                    applySnapshot(newest);
                }
            });
        }
    }

    private void applySnapshot(StateSnapshot s) {
        if (snapshot != null && s.seq() < snapshot.seq() && s.officeDay().equals(snapshot.officeDay())) {
            return;
        }
        snapshot = s;
        officeName.setText(s.officeName());
        home.update(s.categories());
        home.setClosed(s.closed() ? opening(s) : null);
        rating.setLetters(s.categories().stream().map(CategoryView::code).toList());
    }

    /** When a closed office opens, as the kiosk says it: 08:30 today, 11/25 08:30 on another day. */
    private static String opening(StateSnapshot s) {
        java.time.ZonedDateTime t = s.opensAt().atZone(ZoneId.of(s.zone()));
        String hm = String.format("%02d:%02d", t.getHour(), t.getMinute());
        return t.toLocalDate().equals(s.at().atZone(ZoneId.of(s.zone())).toLocalDate()) ? hm
                : t.getMonthValue() + "/" + t.getDayOfMonth() + " " + hm;
    }

    private void noticesArrived(NoticeBoard board) {
        boards.put(board.scope(), board);
        refreshBanner();
    }

    private void scheduleNoticeRecheck() {
        noticeTimer = timers.after(NOTICE_RECHECK, () -> {
            refreshBanner();
            scheduleNoticeRecheck();
        });
    }

    private List<Notice> activeNotices() {
        var now = clock.instant();
        return boards.values().stream().flatMap(b -> b.notices().stream()).filter(n -> n.isActiveAt(now))
                .sorted(Comparator.comparing(Notice::startsAt)).toList();
    }

    private void refreshBanner() {
        List<Notice> active = activeNotices();
        banner.getChildren().clear();
        ZoneId zone = snapshot == null ? ZoneId.of("Asia/Taipei") : ZoneId.of(snapshot.zone());
        for (Notice n : active.subList(0, Math.min(2, active.size()))) {
            Label title = new Label();
            title.getStyleClass().add("notice-title");
            title.setId("notice-" + n.id());
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);
            title.textProperty().bind(Bindings.createStringBinding(() -> i18n.format("notice." + n.kind().name()) + "｜"
                    + (i18n.isChinese() || n.titleEn() == null ? n.titleZh() : n.titleEn()), i18n.localeProperty()));
            Label body = new Label();
            body.getStyleClass().add("notice-body");
            body.setId("notice-body-" + n.id());
            // one line: the wall board shows the whole text; the kiosk keeps room for its buttons
            body.setWrapText(false);
            body.getStyleClass().add("may-shorten");
            body.textProperty().bind(Bindings.createStringBinding(() -> noticeBody(n, zone), i18n.localeProperty()));
            banner.getChildren().addAll(title, body);
        }
        showBanner();
    }

    /** The notices are for the home screen: the ticket prints them, and the other screens need the room. */
    private void showBanner() {
        banner.setVisible(screen == Screen.HOME && !banner.getChildren().isEmpty());
    }

    /**
     * The banner's second line: the outage period first (when the water is off, never the notice's
     * display window, which usually starts days before), the expected restoration, area and text.
     */
    private String noticeBody(Notice n, ZoneId zone) {
        String text = i18n.isChinese() || n.bodyEn() == null ? n.bodyZh() : n.bodyEn();
        StringBuilder b = new StringBuilder();
        if (n.hasOutagePeriod()) {
            b.append(i18n.format("notice.outage", period(n.outageStartsAt(), n.outageEndsAt(), zone)));
        }
        if (n.expectedRestoration() != null) {
            b.append(b.isEmpty() ? "" : "　").append(i18n.format("notice.restoration",
                    NOTICE_TIME.format(n.expectedRestoration().atZone(zone))));
        }
        if (n.area() != null) {
            b.append(b.isEmpty() ? "" : "　").append(n.area());
        }
        if (text != null) {
            b.append(b.isEmpty() ? "" : "　").append(text);
        }
        return b.toString();
    }

    /** 「3/3 09:00–17:00」 within a day, 「3/3 09:00–3/4 17:00」 across days (office time). */
    static String period(java.time.Instant from, java.time.Instant until, ZoneId zone) {
        var a = from.atZone(zone);
        var b = until.atZone(zone);
        return NOTICE_TIME.format(a) + "–" + (a.toLocalDate().equals(b.toLocalDate())
                ? DateTimeFormatter.ofPattern("HH:mm").format(b) : NOTICE_TIME.format(b));
    }

    private static java.util.Optional<CategoryView> category(StateSnapshot s, String code) {
        return s == null ? java.util.Optional.empty()
                : s.categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
