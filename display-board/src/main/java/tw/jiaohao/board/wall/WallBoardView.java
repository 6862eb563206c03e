package tw.jiaohao.board.wall;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.animation.TranslateTransition;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;
import tw.jiaohao.board.fx.BoardFit;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.link.UnknownOfficeWatch;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.event.TicketState;

/**
 * The wall board's scene graph: header with office name, offline mark, date and clock; the
 * newest call large with a highlight; the six calls before it; each category's waiting count
 * and estimate; the active notices as a ticker. It lays itself out for the window it gets
 * ({@link BoardFit}, designed at 1920×1080): type in proportion, the newest number at least a
 * fifth of the screen's height (its line), and on upright screens the header in two lines, the
 * recent calls under the newest in two columns, the categories wrapping. Every method runs on
 * the JavaFX thread. Node ids ({@code #newest-number}, {@code #recent-0}…, {@code #waiting-A}, …) are
 * stable for tests.
 */
public final class WallBoardView {
    /** Calls listed under "recent", after the newest one shown large. */
    public static final int RECENT_ROWS = 6;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd EEEE", Locale.TAIWAN);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private final ZoneId zone;
    private boolean english;
    private StateSnapshot shown;
    private Instant offlineSince;
    private String unknownOfficeId;
    private final Label newestTitle;
    private final ActiveNotices notices;
    private final BorderPane board = new BorderPane();
    private final StackPane root;
    private final int screenDpi;
    private final StackPane header = new StackPane();
    private final StackPane middle = new StackPane();
    private final java.util.List<Label> recentRows = new java.util.ArrayList<>();
    private final Label recentTitle;
    private BoardFit fit;
    /** Width available to the newest call's counter line and to a recent call's line, in pixels. */
    private double counterRoom;
    private double recentRoom;
    private final Label officeName = label("office-name", "office-name", "");
    private final Label offlineMark = label("offline-mark", "offline-mark", "");
    private final Label date = label("date", "date", "");
    private final Label clock = label("clock", "clock", "");
    private final VBox newest = new VBox();
    private final Label newestNumber = label("newest-number", "newest-number", "—");
    private final Label newestCounter = label("newest-counter", "newest-counter", "");
    private final VBox recent = new VBox();
    private final FlowPane categories = new FlowPane();
    private final Pane ticker = new Pane();
    private final Text tickerText = new Text();
    private final TranslateTransition tickerMove = new TranslateTransition();
    private final Label unknownOffice = label("unknown-office", "unknown-office", "");
    private final Timeline highlight;
    private String newestKey;
    /** The newest call's ticket is still called at its counter: only then is it highlighted. */
    private boolean newestLive;

    /**
     * @param screenDpi the panel's density, 0 for the panel table's ({@code ui.screen-dpi})
     * @param rotation  degrees clockwise to turn the picture ({@code ui.rotation})
     */
    public WallBoardView(ZoneId zone, boolean english, int screenDpi, int rotation) {
        this.zone = zone;
        this.english = english;
        this.notices = new ActiveNotices(zone, english);
        this.screenDpi = screenDpi;

        offlineMark.setVisible(false);
        offlineMark.setManaged(false);
        officeName.setMinWidth(0);
        header.getStyleClass().add("board-header");

        newest.getStyleClass().add("newest");
        newest.setId("newest");
        newestTitle = label("newest-title", "newest-title", "");
        newest.getChildren().addAll(newestTitle, newestNumber, newestCounter, unknownOffice);
        unknownOffice.setWrapText(true);
        unknownOffice.setVisible(false);
        unknownOffice.setManaged(false);
        HBox.setHgrow(newest, Priority.ALWAYS);
        newest.setMaxWidth(Double.MAX_VALUE);

        recent.getStyleClass().add("recent");
        recentTitle = label("recent-title", "recent-title", "");
        fixedTexts();
        for (int i = 0; i < RECENT_ROWS; i++) {
            recentRows.add(label("recent-" + i, "recent-row", ""));
        }

        categories.getStyleClass().add("categories");
        categories.setId("categories");
        tickerText.getStyleClass().add("ticker-text");
        tickerText.setId("ticker-text");
        ticker.getStyleClass().add("ticker");
        ticker.setId("ticker");
        ticker.getChildren().add(tickerText);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(ticker.widthProperty());
        clip.heightProperty().bind(ticker.heightProperty());
        ticker.setClip(clip);
        tickerText.setTextOrigin(javafx.geometry.VPos.CENTER);
        tickerText.yProperty().bind(ticker.heightProperty().divide(2));
        tickerMove.setNode(tickerText);
        tickerMove.setInterpolator(javafx.animation.Interpolator.LINEAR);
        tickerMove.setCycleCount(Animation.INDEFINITE);
        ticker.setVisible(false);
        ticker.setManaged(false);

        board.setTop(header);
        board.setCenter(middle);
        board.setBottom(new VBox(categories, ticker));
        board.setPrefSize(1920, 1080);
        root = Fx.window(board, rotation, this::fit);
        fit(1920, 1080);

        highlight = new Timeline(
                new KeyFrame(Duration.ZERO, e -> newest.getStyleClass().add("highlight")),
                new KeyFrame(Duration.millis(700), e -> newest.getStyleClass().remove("highlight")),
                new KeyFrame(Duration.millis(1000)));
        highlight.setCycleCount(5);
        highlight.setOnFinished(e -> {
            if (newestLive) {
                newest.getStyleClass().add("highlight");
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** How the board is laid out now (for tests). */
    public BoardFit fit() {
        return fit;
    }

    private void fit(double w, double h) {
        BoardFit f = BoardFit.of(w, h, screenDpi, 1920, 1080);
        if (f.equals(fit)) {
            return;
        }
        fit = f;
        board.setStyle(f.style());
        double gap = f.px(24);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        if (f.portrait()) {
            Region spacer2 = new Region();
            HBox.setHgrow(spacer2, Priority.ALWAYS);
            HBox first = new HBox(gap, officeName, spacer, offlineMark);
            HBox second = new HBox(gap, date, spacer2, clock);
            first.setAlignment(Pos.CENTER_LEFT);
            second.setAlignment(Pos.CENTER_LEFT);
            header.getChildren().setAll(new VBox(f.px(4), first, second));
        } else {
            HBox line = new HBox(f.px(32), officeName, spacer, offlineMark, date, clock);
            line.setAlignment(Pos.CENTER_LEFT);
            header.getChildren().setAll(line);
        }
        // the newest number: its line at least a fifth of the height, as large as the width allows
        double pad = f.px(32);
        double numberWidth = f.portrait() ? w - 4 * pad : w - 5 * pad - gap - recentWidth(f);
        double size = Math.min(0.24 * h, numberWidth / 2.7);
        newestNumber.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", size));
        recent.getChildren().clear();
        recent.getChildren().add(recentTitle);
        if (f.portrait()) {
            GridPane two = new GridPane();
            two.setHgap(gap);
            for (int i = 0; i < RECENT_ROWS; i++) {
                two.add(recentRows.get(i), i / 3, i % 3);
            }
            recent.getChildren().add(two);
            recent.setMinWidth(0);
            // the newest call takes the height the recent calls and categories leave
            VBox.setVgrow(newest, Priority.ALWAYS);
            newest.setMaxHeight(Double.MAX_VALUE);
            VBox stack = new VBox(gap, newest, recent);
            stack.setStyle(String.format(java.util.Locale.ROOT, "-fx-padding: %.0f %.0f %.0f %.0f;", pad / 2, pad, pad / 4, pad));
            middle.getChildren().setAll(stack);
        } else {
            recent.getChildren().addAll(recentRows);
            recent.setMinWidth(recentWidth(f));
            HBox row = new HBox(gap, newest, recent);
            row.setStyle(String.format(java.util.Locale.ROOT, "-fx-padding: %.0f %.0f %.0f %.0f;", pad / 2, pad, pad / 4, pad));
            row.setAlignment(Pos.CENTER);
            middle.getChildren().setAll(row);
        }
        double em = f.em();
        double newestInner = (f.portrait() ? w - 2 * pad : w - 2 * pad - gap - recentWidth(f)) - 2 * 1.333 * em;
        counterRoom = newestInner;
        recentRoom = f.portrait() ? (w - 2 * pad - 2 * em - gap) / 2 : recentWidth(f) - 2 * em;
        sizeLines();
        categories.setHgap(f.px(20));
        categories.setVgap(f.px(12));
        categories.setPrefWrapLength(w - 2 * pad);
    }

    /**
     * The counter line under the newest number and the recent calls at their design size, or
     * smaller where the panel is too narrow for them (Chinese with English on a 7" panel): never
     * cut short.
     */
    private void sizeLines() {
        double em = fit.em();
        double counterSize = fitting(newestCounter.getText(), 4 * em, counterRoom);
        newestCounter.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", counterSize));
        double rowSize = fitting("A000  →  " + counterText(88), 2.25 * em, recentRoom);
        for (Label row : recentRows) {
            row.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", rowSize));
        }
    }

    /** The largest size up to {@code size} at which {@code text}, bold, is at most {@code room} wide. */
    private static double fitting(String text, double size, double room) {
        if (text.isEmpty() || room <= 0) {
            return size;
        }
        Text probe = new Text(text);
        probe.setFont(javafx.scene.text.Font.font(Fx.CJK_FAMILY, javafx.scene.text.FontWeight.BOLD, size));
        double width = probe.getLayoutBounds().getWidth();
        return width <= room ? size : Math.floor(size * room / width * 0.98);
    }

    private static double recentWidth(BoardFit f) {
        return f.em() * 25.833;
    }

    /**
     * Chinese only, or English beside it (head office's languages, or the board's own
     * {@code ui.language}): every text on the board changes at once, the calls shown stay.
     */
    public void english(boolean english) {
        if (english == this.english) {
            return;
        }
        this.english = english;
        notices.english(english);
        fixedTexts();
        if (shown != null) {
            show(shown);
        }
        if (unknownOfficeId != null) {
            showUnknownOffice(unknownOfficeId);
        }
        setOffline(offlineSince);
    }

    /** Whether English is shown beside the Chinese. */
    public boolean english() {
        return english;
    }

    private void fixedTexts() {
        newestTitle.setText(Fx.text(english, "請　來賓", "Now calling"));
        recentTitle.setText(Fx.text(english, "最近叫號", "Recent calls"));
    }

    /** Shows a snapshot (the link has already dropped older and malformed ones). */
    public void show(StateSnapshot s) {
        shown = s;
        officeName.setText(s.officeName());
        showUnknownOffice(null);
        List<CallView> calls = s.lastCalls();
        if (calls.isEmpty()) {
            newestNumber.setText("—");
            newestCounter.setText("");
            newestKey = null;
            newestLive = false;
        } else {
            CallView top = calls.get(0);
            newestNumber.setText(top.number());
            newestCounter.setText(counterText(top.counter()));
            sizeLines();
            boolean wasLive = newestLive;
            newestLive = stillCalled(s, top);
            String key = top.ticketId() + "@" + top.at();
            if (!key.equals(newestKey)) {
                newestKey = key;
                highlight.stop();
                newest.getStyleClass().remove("highlight");
                if (newestLive) {
                    highlight.playFromStart();
                }
            } else if (wasLive && !newestLive) {
                // served, finished or gone: the call is no longer news
                highlight.stop();
                newest.getStyleClass().remove("highlight");
            }
        }
        for (int i = 0; i < RECENT_ROWS; i++) {
            Label row = recentRows.get(i);
            row.getStyleClass().remove("recall");
            if (i + 1 < calls.size()) {
                CallView c = calls.get(i + 1);
                row.setText(c.number() + "  →  " + counterText(c.counter()));
                if (c.recall()) {
                    row.getStyleClass().add("recall");
                }
            } else {
                row.setText("");
            }
        }
        categories.getChildren().clear();
        for (CategoryView c : s.categories()) {
            // zh-en: the English name on its own line, wrapped, never cut off
            Label name = label("category-" + c.code(), "category-name", c.code() + "  " + c.nameZh() + (english ? "\n" + c.nameEn() : ""));
            name.setWrapText(true);
            name.setMinHeight(Region.USE_PREF_SIZE);
            Label waiting = label("waiting-" + c.code(), "category-waiting",
                    Fx.text(english, "等候 " + c.waiting() + " 人", c.waiting() + " waiting"));
            Label estimate = label("estimate-" + c.code(), "category-waiting",
                    c.served() ? Fx.text(english, "約 " + c.minutesText() + " 分鐘", "≈ " + c.minutesText() + " min")
                            : Fx.text(english, "目前無櫃台辦理", "no counter open"));
            VBox card = new VBox(name, waiting, estimate);
            card.getStyleClass().add("category");
            categories.getChildren().add(card);
        }
    }

    /** The newest call is highlighted, or flashing towards it (its ticket is still called). */
    public boolean highlighting() {
        return newestLive && (newest.getStyleClass().contains("highlight") || highlight.getStatus() == Animation.Status.RUNNING);
    }

    private static boolean stillCalled(StateSnapshot s, CallView call) {
        return s.counters().stream().anyMatch(c -> c.counter() == call.counter() && c.current() != null
                && c.current().ticketId().equals(call.ticketId()) && c.current().state() == TicketState.CALLED);
    }

    /**
     * Says that no office node publishes {@code officeId} (connected, but no state after the
     * configured wait), with what to check; null hides it again.
     */
    public void showUnknownOffice(String officeId) {
        unknownOfficeId = officeId;
        boolean show = officeId != null;
        if (show) {
            unknownOffice.setText(UnknownOfficeWatch.message(officeId, english));
        }
        unknownOffice.setVisible(show);
        unknownOffice.setManaged(show);
        for (javafx.scene.Node n : newest.getChildren()) {
            if (n != unknownOffice) {
                n.setVisible(!show);
                n.setManaged(!show);
            }
        }
    }

    /** Marks the board offline since {@code since} (office time), or clears the mark for null. */
    public void setOffline(Instant since) {
        offlineSince = since;
        boolean offline = since != null;
        offlineMark.setVisible(offline);
        offlineMark.setManaged(offline);
        if (offline) {
            String hhmm = HHMM.format(since.atZone(zone));
            offlineMark.setText(Fx.text(english, "離線 自 " + hhmm, "offline since " + hhmm));
        }
    }

    public void showNotices(NoticeBoard board, Instant now) {
        notices.replace(board);
        tick(now);
    }

    /** Once a second: date, clock, and which notices are active now. */
    public void tick(Instant now) {
        date.setText(DATE.format(now.atZone(zone)));
        clock.setText(CLOCK.format(now.atZone(zone)));
        String text = notices.tickerText(now);
        if (!text.equals(tickerText.getText())) {
            tickerText.setText(text);
            boolean any = !text.isEmpty();
            ticker.setVisible(any);
            ticker.setManaged(any);
            tickerMove.stop();
            if (any) {
                double width = Math.max(board.getWidth(), board.getPrefWidth());
                double textWidth = tickerText.getLayoutBounds().getWidth();
                tickerMove.setFromX(width);
                tickerMove.setToX(-textWidth);
                tickerMove.setDuration(Duration.seconds((width + textWidth) / Math.max(60, fit.px(160))));
                tickerMove.playFromStart();
            }
        }
    }

    private String counterText(int counter) {
        return Fx.text(english, counter + " 號櫃台", "Counter " + counter);
    }

    private static Label label(String id, String styleClass, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(styleClass);
        return l;
    }
}
