package tw.jiaohao.hub.accounts;

import java.time.Duration;

/**
 * The port that limits wrong house numbers in account look-ups, per account and per asking
 * device (office + device), over a window of {@link #window()}: without it, trying house numbers
 * 1…N finds any account's address (issue 10, finding 5). Its one implementation outside tests is
 * {@link StoredGuessLimit}, whose counts live in the hub database so that every hub instance on
 * that database counts against the same limit.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>{@link #refusal} only reads: it names the limit ("account" or "device") that already has
 *       at least {@link #perAccount()} / {@link #perDevice()} wrong tries in the window, or
 *       returns null.</li>
 *   <li>{@link #wrong} records one wrong try against the account and against the device as one
 *       atomic increment per key: of tries recorded at once (by threads or by hub instances),
 *       each gets its own count, so exactly one of them reaches a limit
 *       ({@link Wrong#reached()}) and every one beyond it is told so ({@link Wrong#over()}), and
 *       its answer about the address must be withheld. At most {@code perAccount} wrong tries of
 *       an account (and {@code perDevice} of a device) are therefore answered in any span of
 *       {@code window}, whatever the number of instances.</li>
 *   <li>Counts leave with the window; nothing about an account is kept longer than the
 *       implementation says (see {@link StoredGuessLimit}).</li>
 *   <li>Thread-safe; a failure to reach the counts throws (a {@link tw.jiaohao.hub.HubException}):
 *       the caller answers nothing rather than an unlimited answer.</li>
 * </ul>
 */
public interface GuessLimit {
    /** Why a look-up is refused: the account's or the device's limit is reached; or null when it may be answered. */
    String refusal(String accountNumber, String office, String device);

    /** Records one wrong house number against the account and the device (see the contract above). */
    Wrong wrong(String accountNumber, String office, String device);

    int perAccount();

    int perDevice();

    Duration window();

    /**
     * What one recorded wrong try did.
     *
     * @param reached the limit ("account" or "device") this try reached exactly, or null: the
     *                caller alerts once per crossing
     * @param over    the limit this try went beyond ("account" or "device"), or null: when set,
     *                the try raced past {@link #refusal} and its answer must be withheld
     */
    record Wrong(String reached, String over) {
        public Wrong {
            if (!limitName(reached) || !limitName(over)) {
                throw new IllegalArgumentException("a limit is \"account\", \"device\" or null, not " + reached + " / " + over);
            }
        }

        private static boolean limitName(String s) {
            return s == null || s.equals("account") || s.equals("device");
        }
    }

    /** No limit at all (tests of the look-up's answers themselves). */
    static GuessLimit none() {
        return new GuessLimit() {
            @Override
            public String refusal(String accountNumber, String office, String device) {
                return null;
            }

            @Override
            public Wrong wrong(String accountNumber, String office, String device) {
                return new Wrong(null, null);
            }

            @Override
            public int perAccount() {
                return Integer.MAX_VALUE;
            }

            @Override
            public int perDevice() {
                return Integer.MAX_VALUE;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(1);
            }
        };
    }
}
