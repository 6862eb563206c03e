package tw.jiaohao.office.kiosk;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;

/**
 * The self-service screens' on-screen keypad: digits, 之 (house numbers) and, behind "ABC", the
 * letters A–Z (national IDs, account numbers with letters). It types into its {@link #target};
 * its keys never take the focus, so a keyboard-wedge scanner keeps typing into the field.
 * Keys are at least the 15 mm touch minimum. JavaFX thread only.
 */
final class Keypad {
    private final I18n i18n;
    private final double size;
    private final StackPane node = new StackPane();
    private final GridPane digits = new GridPane();
    private final GridPane letters = new GridPane();
    private final ObjectProperty<TextInputControl> target = new SimpleObjectProperty<>();
    private final BooleanProperty lettersAllowed = new SimpleBooleanProperty();
    private final BooleanProperty zhiAllowed = new SimpleBooleanProperty();

    Keypad(I18n i18n, double minTouch) {
        this.i18n = i18n;
        this.size = Math.max(minTouch, 96);
        node.setId("ss-keypad");
        for (GridPane g : new GridPane[] {digits, letters}) {
            g.setHgap(10);
            g.setVgap(10);
        }
        String[] order = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
        for (int i = 0; i < order.length; i++) {
            digits.add(typing(order[i], order[i]), i % 3, i / 3);
        }
        Button zhi = typing("之", "zhi");
        zhi.visibleProperty().bind(zhiAllowed);
        Button abc = command("ss-key-abc", "ss.keys.letters", () -> showLetters(true));
        abc.visibleProperty().bind(lettersAllowed);
        digits.add(typing("0", "0"), 1, 3);
        digits.add(command("ss-key-delete", "ss.keys.delete", this::delete), 2, 3);
        digits.add(abc, 0, 3);
        digits.add(zhi, 3, 1);
        digits.add(command("ss-key-clear", "ss.keys.clear", () -> edit(t -> t.setText(""))), 3, 0);
        String az = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int columns = 7;
        for (int i = 0; i < az.length(); i++) {
            String l = String.valueOf(az.charAt(i));
            letters.add(typing(l, l), i % columns, i / columns);
        }
        letters.add(command("ss-key-123", "ss.keys.digits", () -> showLetters(false)), 5, 3);
        letters.add(command("ss-key-delete-letter", "ss.keys.delete", this::delete), 6, 3);
        node.getChildren().setAll(digits);
    }

    StackPane node() {
        return node;
    }

    /** Types into {@code field} from now on; letters and 之 offered as said. */
    void target(TextInputControl field, boolean withLetters, boolean withZhi) {
        target.set(field);
        lettersAllowed.set(withLetters);
        zhiAllowed.set(withZhi);
        showLetters(false);
    }

    void showLetters(boolean show) {
        node.getChildren().setAll(show && lettersAllowed.get() ? letters : digits);
    }

    private void delete() {
        edit(t -> {
            String s = t.getText();
            t.setText(s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(s.length(), -1)));
        });
    }

    private void edit(java.util.function.Consumer<TextInputControl> change) {
        TextInputControl t = target.get();
        if (t != null) {
            change.accept(t);
            t.positionCaret(t.getLength());
        }
    }

    private Button typing(String text, String id) {
        Button b = key("ss-key-" + id);
        b.setText(text);
        b.setOnAction(e -> {
            edit(t -> t.appendText(text));
            if (node.getChildren().contains(letters)) {
                showLetters(false);
            }
        });
        return b;
    }

    private Button command(String id, String textKey, Runnable action) {
        Button b = key(id);
        b.textProperty().bind(i18n.text(textKey));
        b.setStyle("-fx-font-size: 22px; -fx-padding: 0;");
        b.setOnAction(e -> action.run());
        return b;
    }

    private Button key(String id) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("key");
        b.setFocusTraversable(false);
        // the default padding (em-based) leaves no room for a 40 px CJK glyph such as 之
        b.setStyle("-fx-padding: 0;");
        b.setMinSize(size, size);
        b.setPrefSize(size, size);
        return b;
    }
}
