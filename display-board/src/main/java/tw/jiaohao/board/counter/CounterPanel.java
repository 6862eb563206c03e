package tw.jiaohao.board.counter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tw.jiaohao.board.fx.BoardFit;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.link.UnknownOfficeWatch;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The counter unit's screen: counter number, ticket now served, people waiting for this
 * counter's services, the buttons, a message line, and the rating banner. It lays itself out
 * for the window it gets ({@link BoardFit}, designed at 1024×600): every button at least 15 mm
 * at the panel's density, the keys wrapping into rows where the panel is narrow; on wide screens
 * the ticket at the left and the keys at the right, on upright ones the keys under the ticket.
 * The rating banner is laid over the foot of the serving area, whose height keeps room for it:
 * opening it never moves the keys.
 * While the office node holds until staff confirm (the snapshot's {@code hold}) a yellow banner
 * ({@code #hold-panel}) takes the keys' place: the reason and a confirm key ({@code #confirm}) that
 * asks once more ({@code #confirm-sure}, {@code #confirm-cancel}) before it sends CONFIRM.
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
    /** The serving area with the rating banner laid over its foot; {@link #fit} places it. */
    private final StackPane servingArea;
    private final FlowPane mainKeys = new FlowPane();
    private final FlowPane moreKeys = new FlowPane();
    private final StackPane center = new StackPane();
    private final List<Button> simulatedKeys = new java.util.ArrayList<>();
    private BoardFit fit;
    /** The width the keys have (set by {@link #fit}). */
    private double keysRoom = 1024;
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
    private final VBox buttons = new VBox();
    /** The open/close key's design width; it is never narrower than its words either ({@link #sizeTargets}). */
    private double openCloseWidth;
    private final Button openClose = new Button() {
        @Override
        protected double computeMinWidth(double height) {
            return Math.max(openCloseWidth, computePrefWidth(height));
        }
    };
    private boolean counterOpen;
    private final FlowPane simulatedPad = new FlowPane(8, 8);
    /** Shown while the office node waits for staff to confirm (the snapshot's {@code hold}); two presses send CONFIRM. */
    private final VBox holdPanel = new VBox();
    private final Label holdReason = label("hold-reason", "hold-reason", "");
    private final Label holdAsk = label("hold-ask", "hold-ask", "");
    private final Button confirm = new Button();
    private final Button confirmSure = new Button();
    private final Button confirmCancel = new Button();
    private String shownHold;
    private java.time.LocalDate officeDay;

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
        // a narrow header gives way in its texts (they wrap), never in the key: staff read "Close counter" whole
        offline.setWrapText(true);
        offline.setMinWidth(0);
        offline.setMinHeight(Region.USE_PREF_SIZE);
        // the mark under the title, not beside it: a portrait panel has no room for both in one row
        VBox titleAndMark = new VBox(title, offline);
        titleAndMark.setMinWidth(0);
        HBox header = new HBox(titleAndMark, spacer, openClose);
        openClose.getStyleClass().add("open-close");
        header.getStyleClass().add("counter-header");

        // room for the rating banner under the serving texts, so the banner never covers them
        Region bannerRoom = new Region();
        bannerRoom.minHeightProperty().bind(ratingPanel.heightProperty());
        serving = new VBox(0, label("serving-title", "serving-state", Fx.text(english, "目前服務", "Now serving")),
                servingNumber, servingState, waitingMine, bannerRoom);
        HBox.setHgrow(ratingText, Priority.ALWAYS);
        for (Label l : List.of(title, servingState, waitingMine, message, ratingText)) {
            l.setWrapText(true);
            l.setMinWidth(0);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }

        transferTarget.setId("transfer-target");
        transferTarget.valueProperty().addListener((obs, old, now) -> chosenTarget = now);
        buttons.getStyleClass().add("counter-buttons");
        buttons.setId("keys");
        mainKeys.getStyleClass().add("counter-main-keys");
        moreKeys.getStyleClass().add("counter-more-keys");
        buttons.getChildren().setAll(mainKeys, moreKeys);
        ratingPanel.getStyleClass().add("rating-panel");
        ratingPanel.setId("rating-panel");
        ratingPanel.getChildren().add(ratingText);
        ratingPanel.setVisible(false);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        simulatedPad.setId("simulated-pad");
        simulatedPad.getStyleClass().add("simulated-pad");
        simulatedPad.setVisible(false);
        simulatedPad.setManaged(false);
        holdPanel.setId("hold-panel");
        holdPanel.getStyleClass().add("hold-panel");
        for (Label l : List.of(holdReason, holdAsk)) {
            l.setWrapText(true);
            l.setMinWidth(0);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        confirm.setId("confirm");
        confirmSure.setId("confirm-sure");
        confirmCancel.setId("confirm-cancel");
        for (Button b : List.of(confirm, confirmSure, confirmCancel)) {
            b.getStyleClass().add("key-confirm");
            b.setFocusTraversable(false); // never fired by Space/Enter
            b.setWrapText(true);
        }
        confirmCancel.getStyleClass().setAll("button", "key-confirm-cancel");
        confirm.setText(Fx.text(english, "人員確認…", "Staff confirm…"));
        confirmSure.setText(Fx.text(english, "確定，開始發號", "Yes, start issuing"));
        confirmCancel.setText(Fx.text(english, "取消", "Cancel"));
        confirmCancel.setOnAction(e -> askToConfirm(false));
        showHold(null);

        servingArea = new StackPane(serving, ratingPanel);
        StackPane.setAlignment(ratingPanel, Pos.BOTTOM_LEFT);
        ratingPanel.setMaxHeight(Region.USE_PREF_SIZE);
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
        buttons.setSpacing(f.px(12));
        for (FlowPane keys : List.of(mainKeys, moreKeys)) {
            keys.setHgap(f.px(12));
            keys.setVgap(f.px(12));
        }
        VBox controls = new VBox(holdPanel, buttons, message);
        if (!f.portrait()) {
            // wide: the ticket at the left, the keys at the right (stacked they would not fit a 7" panel)
            double left = Math.max(w * 0.34, f.px(260));
            servingArea.setPrefWidth(left);
            servingArea.setMinWidth(left);
            servingArea.setMaxWidth(left);
            keysRoom = w - left - 2 * pad;
            HBox.setHgrow(controls, Priority.ALWAYS);
            center.getChildren().setAll(new HBox(servingArea, controls));
        } else {
            servingArea.setMinWidth(Region.USE_COMPUTED_SIZE);
            servingArea.setPrefWidth(Region.USE_COMPUTED_SIZE);
            servingArea.setMaxWidth(Double.MAX_VALUE);
            keysRoom = w - 2 * pad;
            center.getChildren().setAll(new VBox(servingArea, controls));
        }
        mainKeys.setPrefWrapLength(keysRoom);
        moreKeys.setPrefWrapLength(keysRoom);
        sizeTargets();
    }

    /**
     * Every key and the service choice at least 15 mm at the panel's density, else the design's
     * size: 下一位, 重呼 and 未到 large in one row where the panel has the room (下一位 the widest),
     * the other keys smaller in the row under them.
     */
    private void sizeTargets() {
        if (fit == null) {
            return;
        }
        double touch = fit.touch();
        List<javafx.scene.control.Control> small = new java.util.ArrayList<>();
        small.addAll(List.of(confirm, confirmSure, confirmCancel));
        small.addAll(simulatedKeys);
        for (javafx.scene.control.Control c : small) {
            // the design's size where the panel is large, never under 15 mm
            c.setMinSize(Math.max(touch, fit.px(112)), Math.max(touch, fit.px(60)));
        }
        openCloseWidth = Math.max(touch, fit.px(112)); // its minimum width is computed: this, or its words if wider
        openClose.setMinHeight(Math.max(touch, fit.px(60)));
        openClose.requestLayout();
        for (javafx.scene.Node n : moreKeys.getChildren()) {
            ((javafx.scene.control.Control) n).setMinSize(touch, Math.max(touch, fit.px(54)));
        }
        if (mainKeys.getChildren().size() == 3) {
            double size = fit.em();
            Button next = (Button) mainKeys.getChildren().get(0);
            Button recall = (Button) mainKeys.getChildren().get(1);
            Button noShow = (Button) mainKeys.getChildren().get(2);
            double gaps = 2 * fit.px(12);
            double r = Math.max(Math.max(touch, keyWidth(recall, size)), fit.px(200));
            double o = Math.max(Math.max(touch, keyWidth(noShow, size)), fit.px(200));
            double nextMin = Math.max(touch, keyWidth(next, size * 28 / 24));
            if (nextMin + r + o + gaps > keysRoom) {
                // narrow: 重呼 and 未到 as small as their words, 下一位 the rest of the row
                r = Math.max(touch, keyWidth(recall, size));
                o = Math.max(touch, keyWidth(noShow, size));
            }
            double high = Math.max(touch, fit.px(88));
            next.setMinSize(Math.max(nextMin, Math.min(fit.px(400), Math.floor(keysRoom - gaps - r - o))), high);
            recall.setMinSize(r, high);
            noShow.setMinSize(o, high);
        }
    }

    /** A key's width for its words in bold at {@code size} px, with board.css's padding (½ em each side). */
    private static double keyWidth(Button b, double size) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text(b.getText());
        probe.setFont(javafx.scene.text.Font.font(Fx.CJK_FAMILY, javafx.scene.text.FontWeight.BOLD, size));
        return Math.ceil(probe.getLayoutBounds().getWidth() + size + 4);
    }

    /**
     * The clerk's keys, distinct and large, each with a keyboard shortcut for a PC counter
     * (F1…F6; function keys, because no focused control swallows them). 下一位 is the one
     * press per customer: it ends the current ticket and calls the next (docs/display-board).
     */
    public static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("next", KeyCode.F1), new Shortcut("recall", KeyCode.F2), new Shortcut("no-show", KeyCode.F3),
            new Shortcut("finish", KeyCode.F4), new Shortcut("transfer", KeyCode.F5), new Shortcut("rate", KeyCode.F6));

    /** A button id and its key. */
    public record Shortcut(String buttonId, KeyCode key) {
    }

    /** Wires the buttons to the controller. */
    public void bind(CounterController controller) {
        mainKeys.getChildren().setAll(
                button("next", "下一位", "Next", () -> controller.press(CommandAction.CALL_NEXT)),
                button("recall", "重呼", "Recall", () -> controller.press(CommandAction.RECALL)),
                button("no-show", "未到", "No-show", () -> controller.press(CommandAction.NO_SHOW)));
        moreKeys.getChildren().setAll(
                button("finish", "完成不叫號", "Finish only", () -> controller.press(CommandAction.FINISH)),
                transferTarget,
                button("transfer", "轉櫃", "Transfer", () -> controller.transfer(transferTarget.getValue())),
                button("rate", "請評分", "Please rate", controller::askForRating));
        sizeTargets();
        confirmSure.setOnAction(e -> {
            askToConfirm(false);
            controller.press(CommandAction.CONFIRM);
        });
        confirm.setOnAction(e -> askToConfirm(true));
        openClose.setId("open-close");
        openClose.setOnAction(e -> controller.press(counterOpen ? CommandAction.CLOSE : CommandAction.OPEN));
        showOpen(false);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                for (Shortcut s : SHORTCUTS) {
                    Button b = (Button) root.lookup("#" + s.buttonId());
                    scene.getAccelerators().put(new KeyCodeCombination(s.key()), b::fire);
                }
            }
        });
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
        officeDay = s.officeDay();
        showHold(s.hold());
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

    /**
     * The office node's hold for staff: why, and a confirm key that asks once more before it sends
     * CONFIRM (a brushed key must not make the node issue numbers it may have given already).
     */
    private void showHold(String hold) {
        boolean visible = hold != null;
        holdPanel.setVisible(visible);
        holdPanel.setManaged(visible);
        // while the node holds every key would be refused: the hold takes their place
        buttons.setVisible(!visible);
        buttons.setManaged(!visible);
        if (java.util.Objects.equals(hold, shownHold)) {
            return;
        }
        shownHold = hold;
        if (visible) {
            holdReason.setText(Fx.text(english, "主機暫停發號及叫號，等待櫃台人員確認", "New tickets and calls wait for staff to confirm")
                    + "\n" + hold);
        }
        askToConfirm(false);
    }

    /** Step one (the confirm key) or step two (what confirming means, then yes or cancel). */
    private void askToConfirm(boolean ask) {
        String day = officeDay == null ? "" : officeDay.toString();
        holdAsk.setText(ask ? Fx.text(english, "請核對：今天是 " + day + "，且總處無法補回主機的紀錄。確定後主機即開始發號。",
                "Check: today is " + day + " and head office cannot give the records back. The node issues once you confirm.") : "");
        holdAsk.setVisible(ask);
        holdAsk.setManaged(ask);
        FlowPane keys = new FlowPane();
        keys.getStyleClass().add("hold-keys");
        if (fit != null) {
            keys.setHgap(fit.px(12));
            keys.setVgap(fit.px(12));
        }
        keys.getChildren().setAll(ask ? List.of(confirmSure, confirmCancel) : List.of(confirm));
        holdPanel.getChildren().setAll(holdReason, holdAsk, keys);
    }

    /** No office node publishes this office: says so, with what to check, where the state would be. */
    public void showUnknownOffice(String officeId) {
        servingState.setWrapText(true);
        servingState.setText(UnknownOfficeWatch.message(officeId, english));
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
        // zh-en: the English short and on its own line, so the banner fits the serving column of a 7" panel
        String zh = "請來賓為 " + number + " 評分（" + window.toSeconds() + " 秒）";
        ratingText.setText(english ? zh + "\nRate " + number + " (" + window.toSeconds() + " s)" : zh);
        ratingPanel.setVisible(true);
    }

    public void ratingClosed(String why) {
        ratingPanel.setVisible(false);
        message(why, false);
    }

    private Button button(String id, String zh, String en, Runnable action) {
        String key = SHORTCUTS.stream().filter(s -> s.buttonId().equals(id)).findFirst().map(s -> s.key().getName()).orElse("");
        Button b = new Button((english ? zh + " " + en : zh) + "\n" + key);
        b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        b.setId(id);
        b.getStyleClass().add("key-" + id);
        // never focused, so Space/Enter cannot fire a key the clerk did not mean
        b.setFocusTraversable(false);
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
