package tw.jiaohao.office.kiosk;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The self-service screens' on-screen keypad: digits, 之 (house numbers) and, behind "ABC", the
 * letters A–Z (national IDs, account numbers with letters). It types into its {@link #target};
 * its keys never take the focus, so a keyboard-wedge scanner keeps typing into the field.
 * Keys are at least the 15 mm touch minimum; on upright screens the letters wrap into as many
 * columns as fit. JavaFX thread only.
 */
final class Keypad {
    private static final String AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private final I18n i18n;
    private final StackPane node = new StackPane();
    private final GridPane digits = new GridPane();
    private final GridPane letters = new GridPane();
    private final List<Button> letterKeys = new ArrayList<>();
    private final List<Button> allKeys = new ArrayList<>();
    private final Button toDigits;
    private final Button deleteLetter;
    private final ObjectProperty<TextInputControl> target = new SimpleObjectProperty<>();
    private final BooleanProperty lettersAllowed = new SimpleBooleanProperty();
    private final BooleanProperty zhiAllowed = new SimpleBooleanProperty();
    private final BooleanProperty lettersShown = new SimpleBooleanProperty();

    Keypad(I18n i18n, KioskFit fit) {
        this.i18n = i18n;
        node.setId("ss-keypad");
        node.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
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
        for (int i = 0; i < AZ.length(); i++) {
            String l = String.valueOf(AZ.charAt(i));
            letterKeys.add(typing(l, l));
        }
        toDigits = command("ss-key-123", "ss.keys.digits", () -> showLetters(false));
        deleteLetter = command("ss-key-delete-letter", "ss.keys.delete", this::delete);
        node.getChildren().setAll(digits);
        fit(fit);
    }

    StackPane node() {
        return node;
    }

    /** True while the letters are on screen instead of the digits. */
    ReadOnlyBooleanProperty lettersShown() {
        return lettersShown;
    }

    /** Key size and, on upright screens, as many letter columns as the width holds. */
    void fit(KioskFit f) {
        double side = f.target(96);
        double gap = f.px(10);
        for (Button b : allKeys) {
            b.setMinSize(side, side);
            b.setPrefSize(side, side);
        }
        for (GridPane g : new GridPane[] {digits, letters}) {
            g.setHgap(gap);
            g.setVgap(gap);
        }
        int columns = f.portrait() ? KioskFit.columns(f.width() - f.px(80), side, gap, 7) : 7;
        letters.getChildren().clear();
        List<Button> all = new ArrayList<>(letterKeys);
        all.add(toDigits);
        all.add(deleteLetter);
        int keysInLastRowBeforeCommands = AZ.length() % columns;
        for (int i = 0; i < letterKeys.size(); i++) {
            letters.add(letterKeys.get(i), i % columns, i / columns);
        }
        // the two commands at the end of the last row, or of a row of their own
        int row = (AZ.length() - 1) / columns + (keysInLastRowBeforeCommands == 0 || keysInLastRowBeforeCommands > columns - 2 ? 1 : 0);
        letters.add(toDigits, columns - 2, row);
        letters.add(deleteLetter, columns - 1, row);
    }

    /** Types into {@code field} from now on; letters and 之 offered as said. */
    void target(TextInputControl field, boolean withLetters, boolean withZhi) {
        target.set(field);
        lettersAllowed.set(withLetters);
        zhiAllowed.set(withZhi);
        showLetters(false);
    }

    void showLetters(boolean show) {
        boolean letters = show && lettersAllowed.get();
        node.getChildren().setAll(letters ? this.letters : digits);
        lettersShown.set(letters);
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
        b.setStyle("-fx-font-size: 0.917em; -fx-padding: 0;");
        b.setOnAction(e -> action.run());
        return b;
    }

    private Button key(String id) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("key");
        b.setFocusTraversable(false);
        // the default padding (em-based) leaves no room for a large CJK glyph such as 之
        b.setStyle("-fx-padding: 0;");
        allKeys.add(b);
        return b;
    }
}
