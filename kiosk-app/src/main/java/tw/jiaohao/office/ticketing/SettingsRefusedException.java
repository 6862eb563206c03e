package tw.jiaohao.office.ticketing;

import java.util.List;
import tw.jiaohao.office.OfficeException;

/**
 * Head office's settings cannot be applied as they are; the message says why in English and
 * {@link #code()} with {@link #args()} the same for the hub to translate ({@code SettingsAck}).
 * No personal data.
 */
public final class SettingsRefusedException extends OfficeException {
    private final String code;
    private final List<String> args;

    public SettingsRefusedException(String code, List<String> args, String message) {
        super(message);
        this.code = code;
        this.args = List.copyOf(args);
    }

    public String code() {
        return code;
    }

    public List<String> args() {
        return args;
    }
}
