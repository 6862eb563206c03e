package tw.jiaohao.office.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * Checks a laid-out scene the way a customer would look at it, for every program with a screen
 * (kiosk, wall board, counter unit): every visible node inside the window, no two texts on top
 * of each other, no text shortened with an ellipsis that did not ask for one (a {@link Labeled}
 * asks with the style class {@value #MAY_SHORTEN}), no text running past the border of its own
 * control or of a control it is drawn in (a label wider or taller than the label, cut off by its
 * clip, or a button's graphic wider than the button: text a customer reads half of), and every
 * touch target (buttons, text fields, choice boxes) at least the given size both ways. Call on the JavaFX thread after a
 * layout pass (e.g. after {@code scene.snapshot}); {@link #problems} lists what is wrong.
 */
public final class LayoutCheck {
    /** The style class with which a label says it may be shortened with an ellipsis (one-line tickers). */
    public static final String MAY_SHORTEN = "may-shorten";
    /** Sub-pixel rounding is not a fault. */
    private static final double SLACK = 1.0;
    private static final Bounds EVERYWHERE = new BoundingBox(-1e6, -1e6, 2e6, 2e6);

    private LayoutCheck() {
    }

    /** What is wrong with {@code scene} as laid out now; empty when nothing is. JavaFX thread. */
    public static List<String> problems(Scene scene, double minTouch) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        List<String> problems = new ArrayList<>();
        List<Shown> texts = new ArrayList<>();
        walk(scene.getRoot(), window, EVERYWHERE, false, List.of(), problems, texts, minTouch);
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                Shown a = texts.get(i);
                Shown b = texts.get(j);
                double w = Math.min(a.bounds.getMaxX(), b.bounds.getMaxX()) - Math.max(a.bounds.getMinX(), b.bounds.getMinX());
                double h = Math.min(a.bounds.getMaxY(), b.bounds.getMaxY()) - Math.max(a.bounds.getMinY(), b.bounds.getMinY());
                if (w > SLACK && h > SLACK) {
                    problems.add("texts overlap: " + a.name + " and " + b.name);
                }
            }
        }
        return problems;
    }

    /** Fails with every problem of {@code scene}, prefixed with {@code where} (e.g. "home 800×480 zh"). JavaFX thread. */
    public static void assertFits(Scene scene, double minTouch, String where) {
        List<String> p = problems(scene, minTouch);
        if (!p.isEmpty()) {
            throw new AssertionError(where + ": " + p.size() + " layout problem(s):\n  " + String.join("\n  ", p));
        }
    }

    private record Shown(String name, Bounds bounds) {
    }

    /** A control a text is drawn in, with the part of the window inside its border. */
    private record Holder(String name, Bounds inner) {
    }

    /**
     * {@code visible}: the part of the window this node's ancestors let it show in (their clips);
     * {@code outside}: an ancestor is already reported outside the window (its children are not, again);
     * {@code holders}: the controls this node is drawn in, innermost first.
     */
    private static void walk(Node node, Bounds window, Bounds visible, boolean outside, List<Holder> holders, List<String> problems,
                             List<Shown> texts, double minTouch) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        Bounds own = node.localToScene(node.getLayoutBounds());
        // the text as laid out, before its own clip: a label's skin clips text it cannot fit
        Bounds unclipped = intersection(own, visible);
        if (node.getClip() != null) {
            Bounds clip = node.localToScene(node.getClip().getBoundsInParent());
            visible = intersection(visible, clip);
            if (visible == null) {
                return;
            }
        }
        Bounds shown = intersection(own, visible);
        if (!outside && shown != null && own.getWidth() > 0 && own.getHeight() > 0 && !inside(shown, window)) {
            outside = true;
            problems.add(name(node) + " at " + describe(shown) + " is outside the " + (int) window.getWidth() + "×"
                    + (int) window.getHeight() + " window");
        }
        if (node instanceof Text t && t.getText() != null && !t.getText().isBlank() && shown != null) {
            texts.add(new Shown(name(t) + " '" + shortText(t.getText()) + "'", shown));
        }
        if (node instanceof Text t && t.getText() != null && !t.getText().isBlank() && unclipped != null) {
            for (Holder h : holders) {
                if (!inside(unclipped, h.inner())) {
                    problems.add(String.format(Locale.ROOT, "%s '%s' runs past the border of %s by %.0f px", name(t),
                            shortText(t.getText()), h.name(), overrun(unclipped, h.inner())));
                    break;
                }
            }
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()
                && !l.getStyleClass().contains(MAY_SHORTEN)) {
            String drawn = drawnText(l);
            if (drawn != null && !drawn.equals(l.getText())) {
                problems.add(name(l) + " is shortened: '" + shortText(l.getText()) + "' drawn as '" + shortText(drawn) + "'");
            }
        }
        if (isTouchTarget(node) && (own.getWidth() < minTouch - SLACK || own.getHeight() < minTouch - SLACK)) {
            problems.add(String.format(Locale.ROOT, "%s is a touch target of %.0f×%.0f px, under %.0f px", name(node),
                    own.getWidth(), own.getHeight(), minTouch));
        }
        if (node instanceof Parent p) {
            List<Holder> inner = holders;
            if (holds(node)) {
                inner = new ArrayList<>(holders);
                inner.add(0, new Holder(name(node), insideBorder((javafx.scene.layout.Region) node)));
            }
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, window, visible, outside, inner, problems, texts, minTouch);
            }
        }
    }

    /**
     * A control whose texts must stay inside it: labels and buttons (their own text and their graphic's), not
     * one that asked to be shortened (a ticker scrolls its text through a clip of its own).
     */
    private static boolean holds(Node n) {
        return n instanceof Labeled l && !l.getStyleClass().contains(MAY_SHORTEN);
    }

    /** The part of the control inside its border, in the scene (a turned screen turns it too). */
    private static Bounds insideBorder(javafx.scene.layout.Region r) {
        javafx.geometry.Insets in = r.getBorder() == null ? javafx.geometry.Insets.EMPTY : r.getBorder().getInsets();
        Bounds b = r.getLayoutBounds();
        return r.localToScene(new BoundingBox(b.getMinX() + in.getLeft(), b.getMinY() + in.getTop(),
                Math.max(0, b.getWidth() - in.getLeft() - in.getRight()), Math.max(0, b.getHeight() - in.getTop() - in.getBottom())));
    }

    /** How far {@code b} reaches out of {@code box} at its worst side. */
    private static double overrun(Bounds b, Bounds box) {
        return Math.max(Math.max(box.getMinX() - b.getMinX(), b.getMaxX() - box.getMaxX()),
                Math.max(box.getMinY() - b.getMinY(), b.getMaxY() - box.getMaxY()));
    }

    private static boolean isTouchTarget(Node n) {
        return n instanceof ButtonBase || n instanceof TextInputControl || n instanceof ChoiceBox<?> || n instanceof ComboBoxBase<?>;
    }

    /** The text the skin draws for a label (null before it has a skin). */
    private static String drawnText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static Bounds intersection(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX <= minX || maxY <= minY ? null : new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static boolean inside(Bounds b, Bounds window) {
        return b.getMinX() >= window.getMinX() - SLACK && b.getMinY() >= window.getMinY() - SLACK
                && b.getMaxX() <= window.getMaxX() + SLACK && b.getMaxY() <= window.getMaxY() + SLACK;
    }

    private static String describe(Bounds b) {
        return String.format(Locale.ROOT, "(%.0f,%.0f)-(%.0f,%.0f)", b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY());
    }

    /** The node's id, or the nearest ancestor's id with the node's class, so a message says where to look. */
    private static String name(Node n) {
        if (n.getId() != null) {
            return "#" + n.getId();
        }
        Node p = n.getParent();
        while (p != null && p.getId() == null) {
            p = p.getParent();
        }
        return n.getClass().getSimpleName() + (p == null ? "" : " in #" + p.getId());
    }

    private static String shortText(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }
}
