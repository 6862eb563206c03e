package tw.jiaohao.office.install;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.kiosk.KioskSettings;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao office-setup}: the installer step that asks for the office settings that have
 * no safe default and writes them into the office's properties file. Today that is
 * {@code kiosk.hub-public-url}, the base of the ticket's QR code: with a real printer a QR that
 * points at {@code localhost} sends every customer's phone to itself, so the kiosk refuses to start
 * without a reachable address.
 *
 * <p>Asks on the terminal (showing the current value; Enter keeps it) until the answer passes the
 * same check the kiosk makes at start, or takes {@code --hub-public-url URL} without asking. The
 * file is edited in place: the key's line is replaced (or appended), comments and every other line
 * stay as they were.
 */
public final class OfficeSetupMain {
    static final String KEY = "kiosk.hub-public-url";

    static final String USAGE = """
            usage: bin/jiaohao office-setup --config /etc/jiaohao/office.properties [--hub-public-url URL]
              asks for the hub's public address (the base of every ticket's QR code, e.g.
              https://hub.example.com.tw) and writes it as kiosk.hub-public-url; see docs/INSTALL.md.""";

    private OfficeSetupMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("office-setup");
        try {
            Path written = run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    System.out);
            if (written != null) {
                System.out.println("wrote " + written + "; restart the kiosk: sudo systemctl restart jiaohao-kiosk");
            }
        } catch (OfficeException e) {
            System.err.println("office-setup: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the step; returns the file written, or null for --help. */
    static Path run(String[] args, BufferedReader in, PrintStream out) {
        Path file = null;
        String given = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> file = Path.of(arg(args, ++i));
                case "--hub-public-url" -> given = arg(args, ++i);
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return null;
                }
                default -> throw new InstallException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (file == null) {
            throw new InstallException("--config FILE is required (the office's properties, e.g. /etc/jiaohao/office.properties)");
        }
        Properties props = read(file);
        String url;
        if (given != null) {
            url = check(props, given.strip());
        } else {
            url = ask(props, in, out);
        }
        write(file, url);
        return file;
    }

    private static String ask(Properties props, BufferedReader in, PrintStream out) {
        String current = props.getProperty(KEY, "").strip();
        while (true) {
            out.print("The hub's public address, printed in every ticket's QR code (e.g. https://hub.example.com.tw)"
                    + (current.isEmpty() ? "" : " [" + current + "]") + ": ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new InstallException("cannot read the answer: " + e.getMessage(), e);
            }
            if (line == null) {
                throw new InstallException("no answer (end of input): give --hub-public-url URL when not at a terminal");
            }
            String answer = line.strip().isEmpty() ? current : line.strip();
            try {
                return check(props, answer);
            } catch (InstallException e) {
                out.println(e.getMessage());
            }
        }
    }

    /** The kiosk's own start-up check, as if the printer were real: what passes here starts there. */
    static String check(Properties props, String url) {
        Properties p = new Properties();
        p.putAll(props);
        p.setProperty("hardware", "pi");
        p.setProperty(KEY, url);
        try {
            KioskSettings.from(p);
        } catch (OfficeException e) {
            throw new InstallException(e.getMessage(), e);
        }
        return url;
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new InstallException("cannot read " + file + " as a UTF-8 properties file: " + e.getMessage(), e);
        }
        return p;
    }

    private static void write(Path file, String url) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).stripLeading();
                if (l.startsWith(KEY + "=") || l.startsWith(KEY + " ") || l.startsWith(KEY + ":")) {
                    lines.set(i, replaced ? "#" + lines.get(i) : KEY + "=" + url);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(KEY + "=" + url);
            }
            Files.write(file, lines, StandardCharsets.UTF_8); // in place: keeps the file's owner and mode
        } catch (IOException e) {
            throw new InstallException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String arg(String[] args, int i) {
        if (i >= args.length) {
            throw new InstallException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
