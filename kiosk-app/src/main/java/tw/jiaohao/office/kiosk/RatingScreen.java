package tw.jiaohao.office.kiosk;

import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import tw.jiaohao.protocol.event.Rating;

/**
 * The rating screen in three steps: the ticket number typed on an on-screen keypad, the four
 * faces, then thanks (or why the rating was refused). JavaFX thread only.
 */
final class RatingScreen {
    private static final int NUMBER_LENGTH = 4;

    private final I18n i18n;
    private final double minTouch;
    private final BiConsumer<String, Rating> onRate;
    private final Runnable onBack;
    private final VBox node = new VBox();
    private final StringProperty typed = new SimpleStringProperty("");
    private final HBox letters = new HBox(12);
    private final VBox entry;
    private final VBox faces;
    private final VBox result;
    private final Label question = new Label();
    private final Label resultText = new Label();
    private List<String> letterCodes = List.of();

    RatingScreen(I18n i18n, double minTouch, BiConsumer<String, Rating> onRate, Runnable onBack) {
        this.i18n = i18n;
        this.minTouch = minTouch;
        this.onRate = onRate;
        this.onBack = onBack;
        node.getStyleClass().add("screen");
        node.setId("rating");
        entry = buildEntry();
        faces = buildFaces();
        result = buildResult();
        node.getChildren().setAll(entry);
    }

    VBox node() {
        return node;
    }

    /** The category letters offered on the keypad. */
    void setLetters(List<String> codes) {
        if (codes.equals(letterCodes)) {
            return;
        }
        letterCodes = codes;
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

    private VBox buildEntry() {
        Label title = new Label();
        title.getStyleClass().add("prompt");
        title.textProperty().bind(i18n.text("rating.title"));
        Label input = new Label();
        input.setId("rating-input");
        input.getStyleClass().add("rating-input");
        input.setMinSize(380, 140);
        input.textProperty().bind(Bindings.createStringBinding(
                () -> (typed.get() + "____").substring(0, NUMBER_LENGTH), typed));
        GridPane digits = new GridPane();
        digits.setHgap(12);
        digits.setVgap(12);
        String[] order = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
        for (int i = 0; i < order.length; i++) {
            digits.add(digit(order[i]), i % 3, i / 3);
        }
        Button clear = key("", "key-clear");
        clear.textProperty().bind(i18n.text("rating.clear"));
        clear.setStyle("-fx-font-size: 26px;");
        clear.setOnAction(e -> typed.set(""));
        Button delete = key("", "key-delete");
        delete.textProperty().bind(i18n.text("rating.delete"));
        delete.setStyle("-fx-font-size: 26px;");
        delete.setOnAction(e -> typed.set(typed.get().isEmpty() ? "" : typed.get().substring(0, typed.get().length() - 1)));
        digits.add(clear, 0, 3);
        digits.add(digit("0"), 1, 3);
        digits.add(delete, 2, 3);
        letters.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(24, title, input, letters);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox body = new HBox(30, left, digits);
        VBox.setVgrow(body, Priority.ALWAYS);

        Button next = action("rating-next", "rating.next");
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> typed.get().length() != NUMBER_LENGTH, typed));
        next.setOnAction(e -> {
            question.textProperty().bind(i18n.text("rating.question", typed.get()));
            node.getChildren().setAll(faces);
        });
        return new VBox(16, body, bottom(next));
    }

    private VBox buildFaces() {
        question.setId("rating-question");
        question.getStyleClass().add("prompt");
        question.setWrapText(true);
        HBox row = new HBox(24);
        row.setAlignment(Pos.CENTER);
        VBox.setVgrow(row, Priority.ALWAYS);
        for (Rating r : Rating.values()) {
            Button b = new Button();
            b.setId("face-" + r.name());
            b.getStyleClass().add("face");
            b.setGraphic(FaceIcon.of(r, 150));
            b.textProperty().bind(i18n.text("rating.face." + r.name()));
            b.setPrefSize(270, 300);
            b.setMinSize(minTouch, minTouch);
            b.setOnAction(e -> onRate.accept(typed.get(), r));
            row.getChildren().add(b);
        }
        return new VBox(20, question, row, bottom(null));
    }

    private VBox buildResult() {
        resultText.setId("rating-result");
        resultText.getStyleClass().add("rating-result");
        resultText.setWrapText(true);
        resultText.setMaxWidth(1000);
        VBox center = new VBox(resultText);
        center.setAlignment(Pos.CENTER);
        VBox.setVgrow(center, Priority.ALWAYS);
        Button done = action("done", "done");
        done.setOnAction(e -> onBack.run());
        HBox bottom = new HBox(done);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        return new VBox(20, center, bottom);
    }

    private HBox bottom(Button right) {
        Button back = new Button();
        back.setId("back");
        back.getStyleClass().add("secondary");
        back.textProperty().bind(i18n.text("back"));
        back.setMinHeight(minTouch);
        back.setOnAction(e -> onBack.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = right == null ? new HBox(16, back) : new HBox(16, back, gap, right);
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
        double size = Math.max(minTouch, 100);
        b.setMinSize(size, size);
        b.setPrefSize(size, size);
        return b;
    }

    private Button action(String id, String key) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("action");
        b.textProperty().bind(i18n.text(key));
        b.setMinHeight(minTouch);
        b.setMinWidth(Math.max(minTouch, 200));
        return b;
    }
}
