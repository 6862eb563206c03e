package tw.jiaohao.board;

/**
 * Root of every unchecked exception of the display-board module (wall board, counter unit,
 * announcer). Messages say what is wrong and how to fix it; they never carry personal data.
 */
public class BoardException extends RuntimeException {
    public BoardException(String message) {
        super(message);
    }

    public BoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
