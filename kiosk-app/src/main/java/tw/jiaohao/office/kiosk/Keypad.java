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
 * letters A–Z (national IDs, account numbers with letters). For a name ({@link #targetName}) it
 * shows 注音 instead: two pages of 24 keys (the 21 initials; the medials, finals and tone marks),
 * a candidate bar above them from {@link Zhuyin}, common surnames first for the first character,
 * and the letters behind "ABC" for foreign names. It types into its {@link #target}; its keys
 * never take the focus, so a keyboard-wedge scanner keeps typing into the field. Keys are at
 * least the 15 mm touch minimum; on upright screens the letters wrap into as many columns as fit.
 * JavaFX thread only.
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
    private final BooleanProperty zhuyinShown = new SimpleBooleanProperty();
    // 注音: a syllable being typed, the candidates for it and the page of them on the bar
    private final javafx.beans.property.StringProperty composing = new javafx.beans.property.SimpleStringProperty("");
    private final javafx.scene.layout.VBox zhuyinPad = new javafx.scene.layout.VBox();
    private final GridPane zhuyinGrid = new GridPane();
    private final javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox();
    private final javafx.scene.control.Label echo = new javafx.scene.control.Label();
    private final List<Button> initialKeys = new ArrayList<>();
    private final List<Button> finalKeys = new ArrayList<>();
    private final List<Button> candidateKeys = new ArrayList<>();
    private final Button moreCandidates;
    private final Button toFinals;
    private final Button toInitials;
    private final Button zyDeleteA;
    private final Button zyDeleteB;
    private final Button zyLettersA;
    private final Button zyLettersB;
    private Zhuyin zhuyin;
    private boolean nameMode;
    private boolean echoName = true;
    private boolean finalsPage;
    private List<String> candidates = List.of();
    private int candidateOffset;
    private KioskFit fit;

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
        toDigits = command("ss-key-123", "ss.keys.digits", () -> {
            if (nameMode && zhuyin != null) {
                showZhuyin();
            } else {
                showLetters(false);
            }
        });
        deleteLetter = command("ss-key-delete-letter", "ss.keys.delete", this::delete);

        for (char c : Zhuyin.INITIALS.toCharArray()) {
            initialKeys.add(symbol(c));
        }
        for (char c : (Zhuyin.MEDIALS + Zhuyin.FINALS + Zhuyin.TONES).toCharArray()) {
            finalKeys.add(symbol(c));
        }
        toFinals = command("ss-zy-finals", "ss.keys.finals", () -> page(true));
        toInitials = command("ss-zy-initials", "ss.keys.initials", () -> page(false));
        zyDeleteA = command("ss-zy-delete", "ss.keys.delete", this::zhuyinDelete);
        zyDeleteB = command("ss-zy-delete-b", "ss.keys.delete", this::zhuyinDelete);
        zyLettersA = command("ss-zy-abc", "ss.keys.letters", () -> showLetters(true));
        zyLettersB = command("ss-zy-abc-b", "ss.keys.letters", () -> showLetters(true));
        moreCandidates = command("ss-zy-more", "ss.keys.more", this::moreCandidates);
        echo.setId("ss-zy-echo");
        echo.getStyleClass().add("zy-echo");
        echo.setWrapText(true);
        echo.setMinHeight(Region.USE_PREF_SIZE);
        echo.setMinWidth(0);
        composing.addListener((o, was, now) -> refreshCandidates());
        bar.setId("ss-zy-bar");
        bar.getStyleClass().add("zy-bar");
        zhuyinPad.setId("ss-zy-pad");
        zhuyinPad.getChildren().setAll(bar, zhuyinGrid);
        toDigits.textProperty().unbind();
        toDigits.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> i18n.format(nameMode && zhuyin != null ? "ss.keys.zhuyin" : "ss.keys.digits"), i18n.localeProperty(), zhuyinShown, lettersShown));
        node.getChildren().setAll(digits);
        fit(fit);
    }

    /** The line that repeats the name and the syllable being typed, for layouts that hide the form while 注音 is shown. */
    javafx.scene.control.Label echo() {
        return echo;
    }

    /** True while a syllable is being typed. */
    javafx.beans.binding.BooleanBinding composingSyllable() {
        return composing.isNotEmpty();
    }

    /** True while the 注音 keys are on screen. */
    ReadOnlyBooleanProperty zhuyinShown() {
        return zhuyinShown;
    }

    /** True while the keys cover the form on layouts short of room (letters or 注音 shown). */
    javafx.beans.binding.BooleanExpression hidesForm() {
        return lettersShown.or(zhuyinShown);
    }

    /** Types a name into {@code field}: 注音 with candidates from {@code dictionary} first, the letters behind "ABC". */
    void targetName(TextInputControl field, Zhuyin dictionary) {
        target(field, true, false);
        zhuyin = dictionary;
        nameMode = true;
        if (dictionary != null) {
            showZhuyin();
        }
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
        fit = f;
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
        layOutZhuyin();
    }

    private int zhuyinColumns() {
        double side = fit.target(86);
        double gap = fit.px(10);
        return fit.portrait() ? KioskFit.columns(fit.width() - fit.px(80), side, gap, 6) : 6;
    }

    private void layOutZhuyin() {
        double gap = fit.px(10);
        // a row more than the digits: a little smaller keys, never under 15 mm
        double side = fit.target(86);
        for (Button b : initialKeys) {
            b.setMinSize(side, side);
            b.setPrefSize(side, side);
        }
        for (Button b : finalKeys) {
            b.setMinSize(side, side);
            b.setPrefSize(side, side);
        }
        for (Button b : List.of(toFinals, toInitials, zyDeleteA, zyDeleteB, zyLettersA, zyLettersB, moreCandidates)) {
            b.setMinSize(side, side);
            b.setPrefSize(side, side);
        }
        zhuyinGrid.setHgap(gap);
        zhuyinGrid.setVgap(gap);
        zhuyinPad.setSpacing(gap);
        bar.setSpacing(gap);
        echo.setMaxWidth(side * 2);
        int columns = zhuyinColumns();
        zhuyinGrid.getChildren().clear();
        List<Button> keys = new ArrayList<>(finalsPage ? finalKeys : initialKeys);
        keys.addAll(finalsPage ? List.of(toInitials, zyDeleteB, zyLettersB) : List.of(toFinals, zyDeleteA, zyLettersA));
        for (int i = 0; i < keys.size(); i++) {
            zhuyinGrid.add(keys.get(i), i % columns, i / columns);
        }
        for (Button c : candidateKeys) {
            allKeys.remove(c);
        }
        candidateKeys.clear();
        // a character in large print may need more than the key's height (large upright panels)
        double candidateHeight = Math.max(side, fit.textHeight(1.833, 1) + fit.px(24));
        for (int i = 0; i < columns - 1; i++) {
            Button c = key("ss-zy-candidate-" + i);
            c.getStyleClass().add("zy-candidate");
            c.setMinSize(side, candidateHeight);
            c.setPrefSize(side, candidateHeight);
            c.setOnAction(e -> choose(c.getText()));
            candidateKeys.add(c);
        }
        bar.getChildren().setAll(candidateKeys);
        bar.getChildren().add(moreCandidates);
        showCandidates();
    }

    private void showZhuyin() {
        node.getChildren().setAll(zhuyinPad);
        lettersShown.set(false);
        zhuyinShown.set(true);
        page(finalsPage && !composing.get().isEmpty());
        refreshEcho();
    }

    private void page(boolean finals) {
        finalsPage = finals;
        layOutZhuyin();
    }

    private Button symbol(char c) {
        String id = "ss-zy-" + Integer.toHexString(c);
        Button b = key(id);
        b.setText(String.valueOf(c));
        b.setOnAction(e -> typeSymbol(c));
        return b;
    }

    private void typeSymbol(char c) {
        String now = composing.get();
        if (Zhuyin.mayFollow(now, c)) {
            composing.set(now + c);
        } else if (Zhuyin.TONES.indexOf(c) < 0) {
            composing.set(String.valueOf(c));
        }
        if (Zhuyin.INITIALS.indexOf(c) >= 0 && !finalsPage) {
            page(true);
        }
    }

    private void zhuyinDelete() {
        String now = composing.get();
        if (now.isEmpty()) {
            delete();
            refreshEcho();
            return;
        }
        composing.set(now.substring(0, now.length() - 1));
        if (composing.get().isEmpty()) {
            page(false);
        }
    }

    private void choose(String character) {
        if (character == null || character.isEmpty()) {
            return;
        }
        edit(t -> t.appendText(character));
        composing.set("");
        page(false);
        refreshEcho();
    }

    private void refreshCandidates() {
        TextInputControl t = target.get();
        candidates = zhuyin == null ? List.of() : zhuyin.candidates(composing.get(), t == null || t.getText().isBlank());
        candidateOffset = 0;
        showCandidates();
        refreshEcho();
    }

    private void moreCandidates() {
        int page = candidateKeys.size();
        candidateOffset = candidateOffset + page < candidates.size() ? candidateOffset + page : 0;
        showCandidates();
    }

    private void showCandidates() {
        for (int i = 0; i < candidateKeys.size(); i++) {
            int at = candidateOffset + i;
            Button c = candidateKeys.get(i);
            c.setText(at < candidates.size() ? candidates.get(at) : "");
            c.setDisable(at >= candidates.size());
        }
        moreCandidates.setDisable(candidates.size() <= candidateKeys.size());
    }

    /** Whether the echo line repeats the name before the syllable (where the form is hidden) or shows the syllable alone. */
    void echoNameToo(boolean nameToo) {
        echoName = nameToo;
        refreshEcho();
    }

    private void refreshEcho() {
        TextInputControl t = target.get();
        echo.setText((t == null || !echoName ? "" : t.getText()) + composing.get());
    }

    /** Types into {@code field} from now on; letters and 之 offered as said. */
    void target(TextInputControl field, boolean withLetters, boolean withZhi) {
        target.set(field);
        lettersAllowed.set(withLetters);
        zhiAllowed.set(withZhi);
        nameMode = false;
        composing.set("");
        showLetters(false);
    }

    void showLetters(boolean show) {
        boolean letters = show && lettersAllowed.get();
        zhuyinShown.set(false);
        lettersShown.set(letters);
        node.getChildren().setAll(letters ? this.letters : digits);
        if (!letters && nameMode && zhuyin != null) {
            showZhuyin();
        }
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
            // a name is typed in letters to its end; a number goes back to digits after each letter
            if (node.getChildren().contains(letters) && !nameMode) {
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
