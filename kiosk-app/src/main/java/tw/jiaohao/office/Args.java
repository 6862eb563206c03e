package tw.jiaohao.office;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command-line flags {@code --name value}; unknown flags are refused with the list of known ones. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    /** Parses {@code args}; {@code withValue} are the flags taking a value, {@code switches} those without. */
    public static Args parse(String[] args, Set<String> withValue, Set<String> switches) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (switches.contains(flag)) {
                a.values.put(flag, "true");
            } else if (withValue.contains(flag)) {
                if (i + 1 >= args.length) {
                    throw new OfficeException(flag + " needs a value");
                }
                a.values.put(flag, args[++i]);
            } else {
                throw new OfficeException("unknown option '" + flag + "'; options are " + new java.util.TreeSet<>(withValue)
                        + (switches.isEmpty() ? "" : " and " + new java.util.TreeSet<>(switches)));
            }
        }
        return a;
    }

    public String get(String flag) {
        return values.get(flag);
    }

    public boolean has(String flag) {
        return values.containsKey(flag);
    }
}
