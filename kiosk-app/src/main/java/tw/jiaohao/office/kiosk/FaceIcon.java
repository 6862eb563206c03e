package tw.jiaohao.office.kiosk;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.QuadCurve;
import javafx.scene.shape.StrokeLineCap;
import tw.jiaohao.protocol.event.Rating;

/** The four rating faces, drawn with shapes (no emoji font needed). */
final class FaceIcon {
    private FaceIcon() {
    }

    static Group of(Rating rating, double diameter) {
        double r = diameter / 2;
        Color fill = switch (rating) {
            case VERY_SATISFIED -> Color.web("#2f9e44");
            case SATISFIED -> Color.web("#94d82d");
            case NEUTRAL -> Color.web("#fcc419");
            case DISSATISFIED -> Color.web("#f03e3e");
        };
        Circle face = new Circle(r, r, r, fill);
        face.setStroke(Color.web("#1f2d3d"));
        face.setStrokeWidth(diameter * 0.03);
        Circle left = new Circle(r * 0.62, r * 0.72, r * 0.11, Color.web("#1f2d3d"));
        Circle right = new Circle(r * 1.38, r * 0.72, r * 0.11, Color.web("#1f2d3d"));
        double mouthY = r * 1.35;
        double bend = switch (rating) {
            case VERY_SATISFIED -> r * 0.55;
            case SATISFIED -> r * 0.25;
            case NEUTRAL -> 0;
            case DISSATISFIED -> -r * 0.35;
        };
        javafx.scene.shape.Shape mouth = bend == 0
                ? new Line(r * 0.55, mouthY, r * 1.45, mouthY)
                : new QuadCurve(r * 0.5, mouthY - bend / 3, r, mouthY + bend, r * 1.5, mouthY - bend / 3);
        mouth.setFill(null);
        mouth.setStroke(Color.web("#1f2d3d"));
        mouth.setStrokeWidth(diameter * 0.06);
        mouth.setStrokeLineCap(StrokeLineCap.ROUND);
        return new Group(face, left, right, mouth);
    }
}
