package tw.jiaohao.office.ticketing;

import tw.jiaohao.protocol.counter.ReplyCode;

/**
 * A change refused before anything was stored: the reply code and the "zh / en" message. Thrown
 * inside a transaction, so the transaction rolls back; the engine turns it into its reply.
 */
final class Refusal extends RuntimeException {
    final ReplyCode code;

    Refusal(ReplyCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
