package tw.jiaohao.board.counter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tw.jiaohao.board.fx.BoardFit;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The counter unit's screen: counter number, ticket now served, people waiting for this
 * counter's services, the buttons, a message line, and the rating banner. It lays itself out
 * for the window it gets ({@link BoardFit}, designed at 1024×600): every button at least 15 mm
 * at the panel's density, the buttons wrapping into rows; on wide screens the ticket at the
 * left and the buttons at the right, on upright ones the buttons under the ticket.
 * Every method runs on the JavaFX thread; node ids ({@code #next}, {@code #serving-number},
 * {@code #message}, {@code #rating-panel}…) are stable for tests.
 */
public final class CounterPanel {
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");
    private final int counter;
    private final ZoneId zone;
    private final boolean english;
    private final BorderPane panel = new BorderPane();
    private final StackPane root;
    private final int screenDpi;
    private final VBox serving;
    private final StackPane center = new StackPane();
    private final List<Button> simulatedKeys = new java.util.ArrayList<>();
    private BoardFit fit;
    private final Label title;
    private final Label offline = label("offline-mark", "offline-mark", "");
    private final Label servingNumber = label("serving-number", "serving-number", "—");
    private final Label servingState;
    private final Label waitingMine = label("waiting-mine", "waiting-mine", "");
    private final Label message = label("message", "message", "");
    private final HBox ratingPanel = new HBox();
    private final Label ratingText = label("rating-text", "rating-text", "");
    private final ChoiceBox<String> transferTarget = new ChoiceBox<>();
    /** The choice, readable from the call pad's thread. */
    private volatile String chosenTarget;
    private final FlowPane buttons = new FlowPane();
    private final Button openClose = new Button();
    private boolean counterOpen;
    private final FlowPane simulatedPad = new FlowPane(8, 8);

    /**
     * @param screenDpi the panel's density, 0 for the panel table's ({@code ui.screen-dpi})
     * @param rotation  degrees clockwise to turn the picture ({@code ui.rotation})
     */
    public CounterPanel(int counter, ZoneId zone, boolean english, int screenDpi, int rotation) {
        this.screenDpi = screenDpi;
        this.counter = counter;
        this.zone = zone;
        this.english = english;
        servingState = label("serving-state", "serving-state", Fx.text(english, "等待辦公室主機…", "waiting for the office node…"));
        title = label("counter-title", "counter-title", Fx.text(english, counter + " 號櫃台", "Counter " + counter));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        offline.setVisible(false);
        offline.setManaged(false);
        HBox header = new HBox(title, spacer, offline, openClose);
        openClose.getStyleClass().add("open-close");
        header.getStyleClass().add("counter-header");

        serving = new VBox(0, label("serving-title", "serving-state", Fx.text(english, "目前服務", "Now serving")),
                servingNumber, servingState, waitingMine);
        HBox.setHgrow(ratingText, Priority.ALWAYS);
        for (Label l : List.of(title, servingState, waitingMine, message, ratingText)) {
            l.setWrapText(true);
            l.setMinWidth(0);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }

        transferTarget.setId("transfer-target");
        transferTarget.valueProperty().addListener((obs, old, now) -> chosenTarget = now);
        buttons.getStyleClass().add("counter-buttons");
        buttons.setHgap(12);
        buttons.setVgap(12);
        ratingPanel.getStyleClass().add("rating-panel");
        ratingPanel.setId("rating-panel");
        ratingPanel.getChildren().add(ratingText);
        ratingPanel.setVisible(false);
        ratingPanel.setManaged(false);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        simulatedPad.setId("simulated-pad");
        simulatedPad.getStyleClass().add("simulated-pad");
        simulatedPad.setVisible(false);
        simulatedPad.setManaged(false);

        panel.setTop(header);
        panel.setCenter(center);
        panel.setBottom(simulatedPad);
        panel.setPrefSize(1024, 600);
        root = Fx.window(panel, rotation, this::fit);
        fit(1024, 600);
    }

    public Parent root() {
        return root;
    }

    /** How the panel is laid out now (for tests). */
    public BoardFit fit() {
        return fit;
    }

    private void fit(double w, double h) {
        BoardFit f = BoardFit.of(w, h, screenDpi, 1024, 600);
        if (f.equals(fit)) {
            return;
        }
        fit = f;
        panel.setStyle(f.style());
        sizeTargets();
        double pad = f.px(20);
        serving.setStyle(String.format(java.util.Locale.ROOT, "-fx-padding: %.0f %.0f %.0f %.0f;", f.px(4), pad, f.px(4), pad));
        simulatedPad.setStyle(String.format(java.util.Locale.ROOT, "-fx-padding: %.0f %.0f %.0f %.0f;", f.px(4), pad, f.px(8), pad));
        simulatedPad.setHgap(f.px(8));
        simulatedPad.setVgap(f.px(8));
        simulatedPad.setPrefWrapLength(w - 2 * pad);
        buttons.setHgap(f.px(12));
        buttons.setVgap(f.px(12));
        VBox controls = new VBox(ratingPanel, buttons, message);
        if (!f.portrait()) {
            // wide: the ticket at the left, the buttons at the right (stacked they would not fit a 7" panel)
            double left = Math.max(w * 0.34, f.px(260));
            serving.setPrefWidth(left);
            serving.setMinWidth(left);
            serving.setMaxWidth(left);
            buttons.setPrefWrapLength(w - left - 2 * pad);
            HBox.setHgrow(controls, Priority.ALWAYS);
            center.getChildren().setAll(new HBox(serving, controls));
        } else {
            serving.setMinWidth(Region.USE_COMPUTED_SIZE);
            serving.setPrefWidth(Region.USE_COMPUTED_SIZE);
            serving.setMaxWidth(Double.MAX_VALUE);
            buttons.setPrefWrapLength(w - 2 * pad);
            center.getChildren().setAll(new VBox(serving, controls));
        }
    }

    /** Every button and the transfer choice at least 15 mm at the panel's density. */
    private void sizeTargets() {
        if (fit == null) {
            return;
        }
        List<javafx.scene.control.Control> targets = new java.util.ArrayList<>();
        buttons.getChildren().forEach(n -> targets.add((javafx.scene.control.Control) n));
        targets.add(openClose);
        targets.addAll(simulatedKeys);
        for (javafx.scene.control.Control c : targets) {
            // the design's size where the panel is large, never under 15 mm
            c.setMinSize(Math.max(fit.touch(), fit.px(112)), Math.max(fit.touch(), fit.px(60)));
        }
    }

    /** Wires the buttons to the controller. */
    public void bind(CounterController controller) {
        buttons.getChildren().setAll(
                button("next", "叫號", "Next", () -> controller.press(CommandAction.CALL_NEXT)),
                button("recall", "重呼", "Recall", () -> controller.press(CommandAction.RECALL)),
                button("no-show", "未到", "No-show", () -> controller.press(CommandAction.NO_SHOW)),
                button("start", "開始服務", "Start", () -> controller.press(CommandAction.START)),
                button("finish", "完成", "Finish", () -> controller.press(CommandAction.FINISH)),
                transferTarget,
                button("transfer", "轉櫃", "Transfer", () -> controller.transfer(transferTarget.getValue())),
                button("rate", "請評分", "Please rate", controller::askForRating));
        sizeTargets();
        openClose.setId("open-close");
        openClose.setOnAction(e -> controller.press(counterOpen ? CommandAction.CLOSE : CommandAction.OPEN));
        showOpen(false);
    }

    /** Adds on-screen keys standing in for a simulated rating pad (laptops and demos). */
    public void showSimulatedRatingKeys(List<Button> keys) {
        Label l = label("simulated-pad-title", "serving-state", Fx.text(english, "模擬評分器", "Simulated rating pad"));
        simulatedPad.getChildren().setAll(l);
        simulatedPad.getChildren().addAll(keys);
        simulatedKeys.clear();
        simulatedKeys.addAll(keys);
        sizeTargets();
        simulatedPad.setVisible(true);
        simulatedPad.setManaged(true);
    }

    /** The category the transfer button and the pad's TRANSFER key send to; callable from any thread. */
    public String transferTarget() {
        return chosenTarget;
    }

    public void show(StateSnapshot s) {
        CounterView me = s.counters().stream().filter(c -> c.counter() == counter).findFirst().orElse(null);
        if (me == null) {
            servingNumber.setText("—");
            servingState.setText(Fx.text(english, "此櫃台未在辦公室設定中", "This counter is not configured in the office"));
            waitingMine.setText("");
            return;
        }
        if (!me.name().isBlank()) {
            title.setText(me.name() + (english ? "  Counter " + counter : ""));
        }
        showOpen(me.open());
        TicketView t = me.current();
        servingNumber.setText(t == null ? "—" : t.number());
        servingState.setText(!me.open() ? Fx.text(english, "櫃台未開放", "Counter closed")
                : t == null ? Fx.text(english, "閒置", "Idle")
                : switch (t.state()) {
                    case CALLED -> Fx.text(english, "已叫號 " + HHMM.format(t.since().atZone(zone)), "called at " + HHMM.format(t.since().atZone(zone)));
                    case SERVING -> Fx.text(english, "服務中 自 " + HHMM.format(t.since().atZone(zone)), "serving since " + HHMM.format(t.since().atZone(zone)));
                    default -> t.state().name();
                });
        List<CategoryView> mine = s.categories().stream().filter(c -> me.serves().contains(c.code())).toList();
        int total = mine.stream().mapToInt(CategoryView::waiting).sum();
        String detail = mine.stream().map(c -> c.code() + " " + c.waiting()).collect(Collectors.joining(" · "));
        waitingMine.setText(Fx.text(english, "等候 " + total + " 人", total + " waiting") + "（" + detail + "）");
        List<String> codes = s.categories().stream().map(CategoryView::code).toList();
        if (!codes.equals(transferTarget.getItems())) {
            String chosen = transferTarget.getValue();
            transferTarget.getItems().setAll(codes);
            transferTarget.setValue(codes.contains(chosen) ? chosen : codes.isEmpty() ? null : codes.get(0));
        }
        if (t != null && t.category().equals(transferTarget.getValue())) {
            // a transfer goes to another service: offer the first one that is not the ticket's own
            codes.stream().filter(c -> !c.equals(t.category())).findFirst().ifPresent(transferTarget::setValue);
        }
    }

    private void showOpen(boolean open) {
        counterOpen = open;
        openClose.setText(open ? Fx.text(english, "關櫃", "Close counter") : Fx.text(english, "開櫃", "Open counter"));
    }

    public void setOffline(Instant since) {
        offline.setVisible(since != null);
        offline.setManaged(since != null);
        if (since != null) {
            String hhmm = HHMM.format(since.atZone(zone));
            offline.setText(Fx.text(english, "離線 自 " + hhmm, "offline since " + hhmm));
        }
    }

    public void message(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().removeAll("error", "ok");
        message.getStyleClass().add(error ? "error" : "ok");
    }

    public void ratingOpened(String number, Duration window) {
        ratingText.setText(Fx.text(english, "請來賓為 " + number + " 評分（" + window.toSeconds() + " 秒）",
                "Rating open for " + number + " (" + window.toSeconds() + " s)"));
        ratingPanel.setVisible(true);
        ratingPanel.setManaged(true);
    }

    public void ratingClosed(String why) {
        ratingPanel.setVisible(false);
        ratingPanel.setManaged(false);
        message(why, false);
    }

    private Button button(String id, String zh, String en, Runnable action) {
        Button b = new Button(english ? zh + "\n" + en : zh);
        b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label label(String id, String styleClass, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(styleClass);
        return l;
    }
}
