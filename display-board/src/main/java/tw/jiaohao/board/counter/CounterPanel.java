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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.link.UnknownOfficeWatch;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The counter unit's screen (about 1024×600): counter number, ticket now served, people
 * waiting for this counter's services, the buttons, a message line, and the rating banner.
 * Every method runs on the JavaFX thread; node ids ({@code #next}, {@code #serving-number},
 * {@code #message}, {@code #rating-panel}…) are stable for tests.
 */
public final class CounterPanel {
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");
    private final int counter;
    private final ZoneId zone;
    private final boolean english;
    private final BorderPane root = new BorderPane();
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
    private final VBox buttons = new VBox(12);
    private final Button openClose = new Button();
    private boolean counterOpen;
    private final HBox simulatedPad = new HBox(8);

    public CounterPanel(int counter, ZoneId zone, boolean english) {
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

        VBox serving = new VBox(0, label("serving-title", "serving-state", Fx.text(english, "目前服務", "Now serving")),
                servingNumber, servingState, waitingMine);
        serving.setStyle("-fx-padding: 4 20 4 20;");

        transferTarget.setId("transfer-target");
        transferTarget.valueProperty().addListener((obs, old, now) -> chosenTarget = now);
        buttons.getStyleClass().add("counter-buttons");
        ratingPanel.getStyleClass().add("rating-panel");
        ratingPanel.setId("rating-panel");
        ratingPanel.getChildren().add(ratingText);
        ratingPanel.setVisible(false);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        simulatedPad.setId("simulated-pad");
        simulatedPad.setStyle("-fx-padding: 4 20 8 20;");
        simulatedPad.setVisible(false);
        simulatedPad.setManaged(false);

        root.setTop(header);
        // the rating banner is laid over the foot of the serving area: opening it never moves the keys
        StackPane servingArea = new StackPane(serving, ratingPanel);
        StackPane.setAlignment(ratingPanel, Pos.BOTTOM_LEFT);
        ratingPanel.setMaxHeight(Region.USE_PREF_SIZE);
        root.setCenter(new VBox(servingArea, buttons, message));
        root.setBottom(simulatedPad);
        root.setPrefSize(1024, 600);
    }

    public Parent root() {
        return root;
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
        Button next = button("next", "下一位", "Next", () -> controller.press(CommandAction.CALL_NEXT));
        Button recall = button("recall", "重呼", "Recall", () -> controller.press(CommandAction.RECALL));
        Button noShow = button("no-show", "未到", "No-show", () -> controller.press(CommandAction.NO_SHOW));
        HBox main = new HBox(12, next, recall, noShow);
        HBox more = new HBox(12,
                button("finish", "完成不叫號", "Finish only", () -> controller.press(CommandAction.FINISH)),
                transferTarget,
                button("transfer", "轉櫃", "Transfer", () -> controller.transfer(transferTarget.getValue())),
                button("rate", "請評分", "Please rate", controller::askForRating));
        main.getStyleClass().add("counter-main-keys");
        more.getStyleClass().add("counter-more-keys");
        buttons.getChildren().setAll(main, more);
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
        ratingText.setText(Fx.text(english, "請來賓為 " + number + " 評分（" + window.toSeconds() + " 秒）",
                "Rating open for " + number + " (" + window.toSeconds() + " s)"));
        ratingPanel.setVisible(true);
    }

    public void ratingClosed(String why) {
        ratingPanel.setVisible(false);
        message(why, false);
    }

    private Button button(String id, String zh, String en, Runnable action) {
        String key = SHORTCUTS.stream().filter(s -> s.buttonId().equals(id)).findFirst().map(s -> s.key().getName()).orElse("");
        Button b = new Button((english ? zh + " " + en : zh) + "\n" + key);
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
