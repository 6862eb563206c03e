package tw.jiaohao.messaging.internal;

/**
 * MQTT topic-filter matching ({@code +}, {@code #}, shared subscriptions {@code $share/group/filter}).
 * A filter is split into its levels once ({@link #TopicFilter(String)}); matching a topic walks it
 * without allocating, since every delivered message is matched against every subscription.
 */
public final class TopicFilter {
    private final String[] levels;

    /** {@code filter} compiled for {@link #matches(String)}. */
    public TopicFilter(String filter) {
        this.levels = unshared(filter).split("/", -1);
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
        return new TopicFilter(filter).matches(topic);
    }

    /** True when a message on {@code topic} is one this filter subscribes to. */
    public boolean matches(String topic) {
        if (!topic.isEmpty() && topic.charAt(0) == '$' && (levels[0].equals("+") || levels[0].equals("#"))) {
            return false;
        }
        int start = 0;
        int n = topic.length();
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                return true;
            }
            if (start > n) {
                return false; // the topic has fewer levels
            }
            int end = topic.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            if (!level.equals("+") && (level.length() != end - start || !topic.regionMatches(start, level, 0, level.length()))) {
                return false;
            }
            start = end + 1;
        }
        return start == n + 1; // every level of the topic consumed
    }
}
