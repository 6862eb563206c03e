package tw.jiaohao.hub.accounts;

import java.util.Locale;
import java.util.Optional;

/** An account's status in the billing system; only ACTIVE accounts accept self-service requests. */
public enum AccountStatus {
    ACTIVE, SUSPENDED, CLOSED;

    /** Parses the extract's status column: the English code (any case) or 正常 / 停用 / 註銷. */
    public static Optional<AccountStatus> parse(String value) {
        String v = value == null ? "" : value.strip();
        return switch (v) {
            case "正常" -> Optional.of(ACTIVE);
            case "停用" -> Optional.of(SUSPENDED);
            case "註銷", "銷戶" -> Optional.of(CLOSED);
            default -> {
                try {
                    yield Optional.of(valueOf(v.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    yield Optional.empty();
                }
            }
        };
    }
}
