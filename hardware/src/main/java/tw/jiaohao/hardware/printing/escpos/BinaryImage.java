package tw.jiaohao.hardware.printing.escpos;

import com.github.anastaciocintra.escpos.image.CoffeeImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * A black/white image as escpos-coffee's {@link CoffeeImage}, read once from a 1-bit
 * {@link BufferedImage} into an array: escpos-coffee samples every pixel through {@code getRGB},
 * which on a {@code BufferedImage} goes through its color model and dominates encoding time.
 */
final class BinaryImage implements CoffeeImage {
    private static final int BLACK = 0xFF000000;
    private static final int WHITE = 0xFFFFFFFF;

    private final int width;
    private final int height;
    private final int[] rgb;
    private final int offsetX;
    private final int offsetY;
    private final int stride;

    BinaryImage(BufferedImage img) {
        this.width = img.getWidth();
        this.height = img.getHeight();
        this.stride = width;
        this.rgb = new int[width * height];
        Raster r = img.getRaster();
        int[] row = new int[width];
        boolean binary = img.getType() == BufferedImage.TYPE_BYTE_BINARY;
        for (int y = 0; y < height; y++) {
            if (binary) {
                r.getSamples(0, y, width, 1, 0, row); // index 0 = black, 1 = white in the default palette
                for (int x = 0; x < width; x++) {
                    rgb[y * width + x] = row[x] == 0 ? BLACK : WHITE;
                }
            } else {
                for (int x = 0; x < width; x++) {
                    rgb[y * width + x] = img.getRGB(x, y);
                }
            }
        }
        this.offsetX = 0;
        this.offsetY = 0;
    }

    private BinaryImage(BinaryImage parent, int x, int y, int w, int h) {
        this.width = w;
        this.height = h;
        this.rgb = parent.rgb;
        this.stride = parent.stride;
        this.offsetX = parent.offsetX + x;
        this.offsetY = parent.offsetY + y;
    }

    @Override
    public int getWidth() {
        return width;
    }

    @Override
    public int getHeight() {
        return height;
    }

    @Override
    public CoffeeImage getSubimage(int x, int y, int w, int h) {
        return new BinaryImage(this, x, y, w, h);
    }

    @Override
    public int getRGB(int x, int y) {
        return rgb[(offsetY + y) * stride + offsetX + x];
    }
}
