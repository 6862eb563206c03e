package tw.jiaohao.office.kiosk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import tw.jiaohao.protocol.event.Rating;

/**
 * The rating screen in three steps: the ticket number typed on an on-screen keypad, the four
 * faces, then thanks (or why the rating was refused). Laid out again for every
 * {@link KioskFit}: on short wide screens the step's buttons sit beside the keypad, on upright
 * ones below it, and the faces form a square. JavaFX thread only.
 */
final class RatingScreen {
    private static final int NUMBER_LENGTH = 4;

    private final I18n i18n;
    private final BiConsumer<String, Rating> onRate;
    private final Runnable onBack;
    private final VBox node = new VBox();
    private final StringProperty typed = new SimpleStringProperty("");
    private final FlowPane letters = new FlowPane();
    private final VBox entry = new VBox();
    private final VBox faces = new VBox();
    private final VBox result = new VBox();
    private final Label title = new Label();
    private final Label input = new Label();
    private final GridPane digits = new GridPane();
    private final List<Button> keys = new ArrayList<>();
    private final List<Button> faceButtons = new ArrayList<>();
    private final List<Button> actions = new ArrayList<>();
    private final Button next;
    private final Label question = new Label();
    private final Label resultText = new Label();
    private List<String> letterCodes = List.of();
    private KioskFit fit = KioskFit.of(1280, 800, 0);

    RatingScreen(I18n i18n, BiConsumer<String, Rating> onRate, Runnable onBack) {
        this.i18n = i18n;
        this.onRate = onRate;
        this.onBack = onBack;
        node.getStyleClass().add("screen");
        node.setId("rating");
        title.getStyleClass().add("prompt");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(i18n.text("rating.title"));
        input.setId("rating-input");
        input.getStyleClass().add("rating-input");
        input.textProperty().bind(Bindings.createStringBinding(
                () -> (typed.get() + "____").substring(0, NUMBER_LENGTH), typed));
        String[] order = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
        for (int i = 0; i < order.length; i++) {
            digits.add(digit(order[i]), i % 3, i / 3);
        }
        Button clear = key("", "key-clear");
        clear.textProperty().bind(i18n.text("rating.clear"));
        clear.setStyle("-fx-font-size: 0.917em; -fx-padding: 0;");
        clear.setOnAction(e -> typed.set(""));
        Button delete = key("", "key-delete");
        delete.textProperty().bind(i18n.text("rating.delete"));
        delete.setStyle("-fx-font-size: 0.917em; -fx-padding: 0;");
        delete.setOnAction(e -> typed.set(typed.get().isEmpty() ? "" : typed.get().substring(0, typed.get().length() - 1)));
        digits.add(clear, 0, 3);
        digits.add(digit("0"), 1, 3);
        digits.add(delete, 2, 3);
        digits.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        letters.setAlignment(Pos.CENTER_LEFT);

        next = action("rating-next", "rating.next");
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> typed.get().length() != NUMBER_LENGTH, typed));
        next.setOnAction(e -> {
            question.textProperty().bind(i18n.text("rating.question", typed.get()));
            node.getChildren().setAll(faces);
        });

        question.setId("rating-question");
        question.getStyleClass().add("prompt");
        question.setWrapText(true);
        question.setMinHeight(Region.USE_PREF_SIZE);
        for (Rating r : Rating.values()) {
            Button b = new Button();
            b.setId("face-" + r.name());
            b.getStyleClass().add("face");
            b.textProperty().bind(i18n.text("rating.face." + r.name()));
            b.setWrapText(true);
            b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            b.setOnAction(e -> onRate.accept(typed.get(), r));
            faceButtons.add(b);
        }

        resultText.setId("rating-result");
        resultText.getStyleClass().add("rating-result");
        resultText.setWrapText(true);
        resultText.setMinHeight(Region.USE_PREF_SIZE);
        node.getChildren().setAll(entry);
        fit(fit);
    }

    VBox node() {
        return node;
    }

    /** Lays the three steps out for {@code f}. */
    void fit(KioskFit f) {
        fit = f;
        actions.retainAll(List.of(next));
        double side = f.target(100);
        double gap = f.px(12);
        for (Button k : keys) {
            k.setMinSize(side, side);
            k.setPrefSize(side, side);
        }
        for (Button a : actions) {
            a.setMinHeight(f.touch());
            a.setMinWidth(Math.max(f.touch(), f.px(200)));
        }
        digits.setHgap(gap);
        digits.setVgap(gap);
        letters.setHgap(gap);
        letters.setVgap(gap);
        input.setMinSize(f.px(380), f.px(140));
        input.setMaxWidth(Region.USE_PREF_SIZE);

        HBox entryActions = bottom(next);
        VBox left = new VBox(f.px(24), title, input, letters);
        left.setMinWidth(0);
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox.setVgrow(left, Priority.ALWAYS);
        if (f.portrait()) {
            VBox.setVgrow(digits, Priority.ALWAYS);
            VBox keypad = new VBox(digits);
            keypad.setAlignment(Pos.CENTER);
            VBox.setVgrow(keypad, Priority.ALWAYS);
            left.getChildren().add(keypad);
            entry.getChildren().setAll(left, entryActions);
        } else if (f.compact()) {
            VBox push = new VBox(entryActions);
            push.setAlignment(Pos.BOTTOM_LEFT);
            VBox.setVgrow(push, Priority.ALWAYS);
            left.getChildren().add(push);
            HBox body = new HBox(f.px(30), left, digits);
            VBox.setVgrow(body, Priority.ALWAYS);
            entry.getChildren().setAll(body);
        } else {
            HBox body = new HBox(f.px(30), left, digits);
            VBox.setVgrow(body, Priority.ALWAYS);
            entry.getChildren().setAll(body, entryActions);
        }
        entry.setSpacing(f.px(16));
        VBox.setVgrow(entry, Priority.ALWAYS);

        Pane faceBox;
        if (f.portrait()) {
            GridPane square = new GridPane();
            square.setHgap(f.px(24));
            square.setVgap(f.px(24));
            for (int i = 0; i < faceButtons.size(); i++) {
                GridPane.setHgrow(faceButtons.get(i), Priority.ALWAYS);
                GridPane.setVgrow(faceButtons.get(i), Priority.ALWAYS);
                square.add(faceButtons.get(i), i % 2, i / 2);
            }
            faceBox = square;
        } else {
            HBox row = new HBox(f.px(24));
            row.setAlignment(Pos.CENTER);
            for (Button b : faceButtons) {
                HBox.setHgrow(b, Priority.ALWAYS);
                row.getChildren().add(b);
            }
            faceBox = row;
        }
        for (int i = 0; i < faceButtons.size(); i++) {
            Button b = faceButtons.get(i);
            b.setGraphic(FaceIcon.of(Rating.values()[i], f.px(f.compact() ? 110 : 150)));
            b.setPrefSize(f.px(270), f.px(300));
            b.setMinSize(f.touch(), f.touch());
        }
        VBox.setVgrow(faceBox, Priority.ALWAYS);
        faces.getChildren().setAll(question, faceBox, bottom(null));
        faces.setSpacing(f.px(20));
        VBox.setVgrow(faces, Priority.ALWAYS);

        resultText.setMaxWidth(f.px(1000));
        VBox center = new VBox(resultText);
        center.setAlignment(Pos.CENTER);
        VBox.setVgrow(center, Priority.ALWAYS);
        Button done = action("done", "done");
        done.setOnAction(e -> onBack.run());
        HBox bottom = new HBox(done);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        result.getChildren().setAll(center, bottom);
        result.setSpacing(f.px(20));
        VBox.setVgrow(result, Priority.ALWAYS);
    }

    /** The category letters offered on the keypad. */
    void setLetters(List<String> codes) {
        if (codes.equals(letterCodes)) {
            return;
        }
        letterCodes = codes;
        keys.removeAll(letters.getChildren());
        letters.getChildren().clear();
        for (String code : codes) {
            Button b = key(code, "key-" + code);
            b.setOnAction(e -> typed.set(code));
            b.disableProperty().bind(Bindings.createBooleanBinding(() -> !typed.get().isEmpty(), typed));
            letters.getChildren().add(b);
        }
    }

    /** Back to the first step with nothing typed. */
    void reset() {
        typed.set("");
        node.getChildren().setAll(entry);
    }

    void showSending() {
        resultText.getStyleClass().remove("refused");
        resultText.textProperty().bind(i18n.text("rating.sending"));
        node.getChildren().setAll(result);
    }

    void showReply(String number, RatingReply reply) {
        String key = "rating." + reply.outcome().name().toLowerCase(java.util.Locale.ROOT);
        resultText.textProperty().bind(i18n.text(key, number));
        if (!reply.accepted()) {
            resultText.getStyleClass().add("refused");
        }
    }

    String typed() {
        return typed.get();
    }

    private HBox bottom(Button right) {
        Button back = action("back", "back");
        back.getStyleClass().setAll("button", "secondary");
        back.setOnAction(e -> onBack.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = right == null ? new HBox(fit.px(16), back) : new HBox(fit.px(16), back, gap, right);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Button digit(String d) {
        Button b = key(d, "key-" + d);
        b.setOnAction(e -> typed.set(typed.get() + d));
        b.disableProperty().bind(Bindings.createBooleanBinding(
                () -> typed.get().isEmpty() || typed.get().length() >= NUMBER_LENGTH, typed));
        return b;
    }

    private Button key(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("key");
        // the default padding grows with the type: large print would leave no room for the digit
        b.setStyle("-fx-padding: 0;");
        double side = fit.target(100);
        b.setMinSize(side, side);
        b.setPrefSize(side, side);
        keys.add(b);
        return b;
    }

    private Button action(String id, String key) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("action");
        b.textProperty().bind(i18n.text(key));
        b.setWrapText(true);
        b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        b.setMinHeight(fit.touch());
        b.setMinWidth(Math.max(fit.touch(), fit.px(200)));
        actions.add(b);
        return b;
    }
}
