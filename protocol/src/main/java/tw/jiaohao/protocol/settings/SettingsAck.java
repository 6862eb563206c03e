package tw.jiaohao.protocol.settings;

import java.time.Instant;
import java.util.List;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Office node → hub on {@code office/{office}/settings/ack} (QoS 1, not retained): what the node
 * did with version {@code version} of its {@link OfficeSettings}. {@code APPLIED} names the version
 * now in force (also when an older or the same version arrived again); {@code PENDING} says the
 * version waits for a counter to finish its call and why; {@code REFUSED} says why the node cannot
 * apply it — the node keeps the version it had. The reason is plain text for head office, written
 * by the node, without personal data. The hub keeps, per office, the newest answer by version.
 *
 * <p>{@code code} and {@code args} say the same as {@code reason} in a form the hub translates for
 * its reader (docs/PROTOCOL.md, "Office settings"): {@code COUNTER_BUSY} [counter, ticket number],
 * {@code CATEGORY_IN_USE} [category, tickets], {@code OTHER_OFFICE} [], {@code BAD_SETTING} [key,
 * the problem's code, its parameters — or, from nodes before the codes, the problem in English], {@code LANGUAGE_NOT_OFFERED} [the default language, the offered ones
 * comma-separated], {@code BOARD_CANNOT_SHOW} [the offered languages comma-separated]; null for an {@code APPLIED} answer and from nodes that predate them, in
 * which case the hub shows {@code reason}. A code the hub does not know is shown as {@code reason}.
 *
 * @param code a reason code, upper case A-Z and '_', at most 40 characters; null with {@code args} empty
 * @param args the code's arguments, at most 5 of at most 200 characters; null is read as none
 */
public record SettingsAck(int v, String office, long version, Outcome outcome, String reason, Instant at, String code, List<String> args)
        implements OfficeScoped {
    /** What the node did with a version. */
    public enum Outcome { APPLIED, PENDING, REFUSED }

    /** An answer without a reason code (APPLIED, or a node that has none). */
    public SettingsAck(int v, String office, long version, Outcome outcome, String reason, Instant at) {
        this(v, office, version, outcome, reason, at, null, List.of());
    }

    public SettingsAck {
        Check.version(v);
        Check.identifier("office", office);
        Check.positive("version", version);
        Check.required("outcome", outcome);
        Check.optionalText("reason", reason, 500);
        Check.required("at", at);
        if (outcome != Outcome.APPLIED && (reason == null || reason.isBlank())) {
            throw new InvalidMessageException("reason", "a " + outcome + " answer says why");
        }
        if (code != null && !code.matches("[A-Z_]{1,40}")) {
            throw new InvalidMessageException("code", "must be 1-40 of A-Z and '_'");
        }
        args = Check.list("args", args == null ? List.of() : args, 5);
        for (String a : args) {
            Check.optionalText("args", a, 200);
        }
        if (code == null && !args.isEmpty()) {
            throw new InvalidMessageException("args", "arguments need a code");
        }
    }
}
