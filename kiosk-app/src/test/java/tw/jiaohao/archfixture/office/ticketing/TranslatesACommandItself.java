package tw.jiaohao.archfixture.office.ticketing;

import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CounterCommand;

/** Fixture: domain code beside the command part that reads a counter's command itself. */
public class TranslatesACommandItself {
    public boolean opens(CounterCommand command) {
        return command.action() == CommandAction.OPEN;
    }
}
