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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.link.UnknownOfficeWatch;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CallView;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.event.TicketState;

/**
 * The wall board's scene graph (1920×1080): header with office name, offline mark, date and
 * clock; the newest call large with a highlight; the six calls before it; each category's
 * waiting count and estimate; the active notices as a ticker. Every method runs on the JavaFX
 * thread. Node ids ({@code #newest-number}, {@code #recent-0}…, {@code #waiting-A}, …) are
 * stable for tests.
 */
public final class WallBoardView {
    /** Calls listed under "recent", after the newest one shown large. */
    public static final int RECENT_ROWS = 6;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd EEEE", Locale.TAIWAN);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private final ZoneId zone;
    private final boolean english;
    private final ActiveNotices notices;
    private final BorderPane root = new BorderPane();
    private final Label officeName = label("office-name", "office-name", "");
    private final Label offlineMark = label("offline-mark", "offline-mark", "");
    private final Label date = label("date", "date", "");
    private final Label clock = label("clock", "clock", "");
    private final VBox newest = new VBox();
    private final Label newestNumber = label("newest-number", "newest-number", "—");
    private final Label newestCounter = label("newest-counter", "newest-counter", "");
    private final VBox recent = new VBox();
    private final HBox categories = new HBox();
    private final Pane ticker = new Pane();
    private final Text tickerText = new Text();
    private final TranslateTransition tickerMove = new TranslateTransition();
    private final Label unknownOffice = label("unknown-office", "unknown-office", "");
    private final Timeline highlight;
    private String newestKey;
    /** The newest call's ticket is still called at its counter: only then is it highlighted. */
    private boolean newestLive;

    public WallBoardView(ZoneId zone, boolean english) {
        this.zone = zone;
        this.english = english;
        this.notices = new ActiveNotices(zone, english);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        offlineMark.setVisible(false);
        offlineMark.setManaged(false);
        HBox header = new HBox(officeName, spacer, offlineMark, date, clock);
        header.getStyleClass().add("board-header");

        newest.getStyleClass().add("newest");
        newest.setId("newest");
        newest.getChildren().addAll(label("newest-title", "newest-title", Fx.text(english, "請　來賓", "Now calling")), newestNumber, newestCounter, unknownOffice);
        unknownOffice.setWrapText(true);
        unknownOffice.setVisible(false);
        unknownOffice.setManaged(false);
        HBox.setHgrow(newest, Priority.ALWAYS);
        newest.setMaxWidth(Double.MAX_VALUE);

        recent.getStyleClass().add("recent");
        recent.getChildren().add(label("recent-title", "recent-title", Fx.text(english, "最近叫號", "Recent calls")));
        for (int i = 0; i < RECENT_ROWS; i++) {
            recent.getChildren().add(label("recent-" + i, "recent-row", ""));
        }
        HBox middle = new HBox(24, newest, recent);
        middle.setStyle("-fx-padding: 16 32 8 32;");
        middle.setAlignment(Pos.CENTER);

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
        tickerText.setY(52);
        tickerMove.setNode(tickerText);
        tickerMove.setInterpolator(javafx.animation.Interpolator.LINEAR);
        tickerMove.setCycleCount(Animation.INDEFINITE);
        ticker.setVisible(false);
        ticker.setManaged(false);

        root.setTop(header);
        root.setCenter(middle);
        root.setBottom(new VBox(categories, ticker));
        root.setPrefSize(1920, 1080);

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

    /** Shows a snapshot (the link has already dropped older and malformed ones). */
    public void show(StateSnapshot s) {
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
            Label row = (Label) recent.getChildren().get(i + 1);
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
                    Fx.text(english, "約 " + c.estimateMinutes() + " 分鐘", "≈ " + c.estimateMinutes() + " min"));
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
                double width = Math.max(root.getWidth(), root.getPrefWidth());
                double textWidth = tickerText.getLayoutBounds().getWidth();
                tickerMove.setFromX(width);
                tickerMove.setToX(-textWidth);
                tickerMove.setDuration(Duration.seconds((width + textWidth) / 160.0));
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
