package tw.jiaohao.board.link;

import java.util.concurrent.CompletableFuture;
import tw.jiaohao.protocol.counter.CounterCommand;

/**
 * Sends a counter's command to its office node (port; {@link MqttOfficeLink} is the adapter).
 * Exactly one outcome per command; the future completes on a link thread, never the JavaFX
 * thread. Commands are sent in call order; nothing is queued while offline.
 */
public interface CommandSender {
    CompletableFuture<CommandOutcome> send(CounterCommand command);
}
