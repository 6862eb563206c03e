package tw.jiaohao.board.link;

import tw.jiaohao.protocol.counter.CommandReply;

/** What became of a counter command: the office node's reply, or no reply at all. */
public sealed interface CommandOutcome {

    /** The office node answered (OK or an error code with its message). */
    record Replied(CommandReply reply) implements CommandOutcome {
    }

    /**
     * No answer: the broker is unreachable or the office node did not reply in time. The
     * command is not retried (a stale "call next" must never fire later); {@code message}
     * tells the clerk, in Chinese and English, to press again.
     */
    record Unanswered(String message) implements CommandOutcome {
    }
}
