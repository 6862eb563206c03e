package tw.jiaohao.office.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A contact sheet of screenshots (one program at every panel size): each picture scaled into a
 * cell of the same size, its caption under it. Plain AWT, so no ImageMagick is needed.
 */
public final class ContactSheet {
    private static final int CAPTION = 22;
    private static final int MARGIN = 8;
    private final int cell;
    private final int columns;
    private final List<BufferedImage> pictures = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();

    /** @param cell the side of the square each picture is scaled into, in pixels */
    public ContactSheet(int cell, int columns) {
        this.cell = cell;
        this.columns = columns;
    }

    /** The picture's size scaled into a cell. */
    private int[] scaled(BufferedImage p) {
        double scale = Math.min((double) cell / p.getWidth(), (double) cell / p.getHeight());
        return new int[] {(int) Math.round(p.getWidth() * scale), (int) Math.round(p.getHeight() * scale)};
    }

    public void add(String caption, BufferedImage picture) {
        captions.add(caption);
        pictures.add(picture);
    }

    /** Writes the sheet as a PNG (creates the folder); each row as high as its tallest picture. */
    public void write(Path file) throws IOException {
        int rows = (pictures.size() + columns - 1) / columns;
        int[] rowHeight = new int[rows];
        for (int i = 0; i < pictures.size(); i++) {
            rowHeight[i / columns] = Math.max(rowHeight[i / columns], scaled(pictures.get(i))[1]);
        }
        int w = columns * (cell + MARGIN) + MARGIN;
        int h = MARGIN;
        for (int r : rowHeight) {
            h += r + CAPTION + MARGIN;
        }
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x33, 0x33, 0x33));
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        int y = MARGIN;
        for (int i = 0; i < pictures.size(); i++) {
            if (i > 0 && i % columns == 0) {
                y += rowHeight[i / columns - 1] + CAPTION + MARGIN;
            }
            int[] size = scaled(pictures.get(i));
            int x = MARGIN + (i % columns) * (cell + MARGIN);
            g.drawImage(pictures.get(i), x + (cell - size[0]) / 2, y, size[0], size[1], null);
            g.setColor(Color.WHITE);
            g.drawString(captions.get(i), x + 2, y + size[1] + CAPTION - 6);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", file.toFile());
    }
}
