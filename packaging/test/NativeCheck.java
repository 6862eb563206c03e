import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Run by arm64-smoke.sh on the arm64 JVM with the office package's jars: prints the JVM's
 * architecture, resolves JavaFX classes from the linux-aarch64 jars and loads those of their
 * natives that need no display (libglass needs GTK and a screen), then loads the natives of
 * usb4java and Pi4J (gpiod) through the libraries' own loaders. Exit status 1 on the first failure.
 */
public final class NativeCheck {
    private static final int EM_AARCH64 = 183;

    public static void main(String[] args) throws Exception {
        System.out.println("os.arch " + System.getProperty("os.arch"));
        ClassLoader cl = NativeCheck.class.getClassLoader();
        for (String c : new String[] {"javafx.application.Platform", "javafx.scene.control.Button", "com.sun.glass.ui.gtk.GtkApplication"}) {
            Class.forName(c, false, cl);
            System.out.println("javafx class " + c + " resolved from " + where(cl, c));
        }
        Path dir = Files.createTempDirectory("fxnative");
        for (String lib : new String[] {"libprism_sw.so", "libjavafx_font.so"}) {
            Path p = extract(cl, lib, dir.resolve(lib));
            byte[] head = Files.readAllBytes(p);
            int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
            if (machine != EM_AARCH64) {
                fail("javafx native " + lib + " is for ELF machine " + machine + ", not aarch64");
            }
            System.load(p.toString());
            System.out.println("javafx native " + lib + " (aarch64) loaded");
        }
        Class.forName("org.usb4java.Loader", true, cl).getMethod("load").invoke(null);
        System.out.println("usb4java native loaded");
        // Pi4J's own loader refuses when it cannot tell the board (no /proc/device-tree under
        // qemu-user), so its aarch64 natives are taken from the jar as that loader does on a Pi,
        // then one native call (opening a GPIO chip that is not there) shows the JNI binding works
        for (String lib : new String[] {"libgpiod.so", "libpi4j-gpiod.so"}) {
            System.load(extract(cl, "lib/aarch64/pi4j-gpiod/" + lib, dir.resolve(lib)).toString());
        }
        var chipOpen = Class.forName("com.pi4j.library.gpiod.internal.GpioD", true, cl).getDeclaredMethod("chipOpen", String.class);
        chipOpen.setAccessible(true);
        Object chip;
        try {
            chip = chipOpen.invoke(null, "/dev/gpiochip-none");
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof UnsatisfiedLinkError u) {
                fail("pi4j gpiod native not bound: " + u.getMessage());
            }
            chip = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        }
        System.out.println("pi4j gpiod natives (aarch64) loaded; opening a missing GPIO chip gives " + chip);
    }

    private static Path extract(ClassLoader cl, String resource, Path to) throws java.io.IOException {
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                fail(resource + " is not in the jars");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    private static String where(ClassLoader cl, String c) {
        var url = cl.getResource(c.replace('.', '/') + ".class");
        String s = String.valueOf(url);
        int bang = s.indexOf("!/");
        return bang > 0 ? s.substring(s.lastIndexOf('/', bang) + 1, bang) : s;
    }

    private static void fail(String why) {
        System.out.println("FAIL " + why);
        System.exit(1);
    }
}
