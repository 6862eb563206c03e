package tw.jiaohao.messaging.internal;

/** MQTT topic-filter matching ({@code +}, {@code #}, shared subscriptions {@code $share/group/filter}). */
public final class TopicFilter {
    private TopicFilter() {
    }

    /** The filter without a {@code $share/group/} prefix. */
    public static String unshared(String filter) {
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', "$share/".length());
            return slash < 0 ? filter : filter.substring(slash + 1);
        }
        return filter;
    }

    public static boolean matches(String filter, String topic) {
        String[] f = unshared(filter).split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
