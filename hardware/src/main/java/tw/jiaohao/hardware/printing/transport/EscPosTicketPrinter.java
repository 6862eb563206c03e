package tw.jiaohao.hardware.printing.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.printing.FailureReason;
import tw.jiaohao.hardware.printing.PrintOutcome;
import tw.jiaohao.hardware.printing.PrinterState;
import tw.jiaohao.hardware.printing.PrinterStatus;
import tw.jiaohao.hardware.printing.Receipt;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.hardware.printing.TicketSlip;
import tw.jiaohao.hardware.printing.escpos.EscPosCommands;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;

/**
 * The {@link TicketPrinter} adapter for any ESC/POS printer: encodes with a {@link TicketEncoder}
 * and talks through a {@link PrinterTransport} (USB or the simulator: the same status and fault
 * handling serves both).
 *
 * <p>For each document: open (re-discovering a replugged device), clear the printer's buffers if
 * the previous document failed part-way ({@code DLE ENQ 2}), read the real-time status
 * ({@code DLE EOT 1, 2, 4}) and refuse to print when it says paper out or cover open, write, then
 * read the status again so a roll that ran out during the ticket is reported. Thread-safe: calls
 * are serialised on this object's monitor.
 */
public final class EscPosTicketPrinter implements TicketPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(EscPosTicketPrinter.class);

    private final TicketEncoder encoder;
    private final PrinterTransport transport;
    private final Duration timeout;
    private boolean dirty;
    private boolean closed;

    /**
     * @param encoder   the encoder for the printer's profile
     * @param transport the wire to the printer; owned (closed) by this printer
     * @param timeout   the longest wait for one transfer or status answer
     */
    public EscPosTicketPrinter(TicketEncoder encoder, PrinterTransport transport, Duration timeout) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public synchronized PrintOutcome print(TicketSlip slip) {
        Objects.requireNonNull(slip, "slip");
        return send("ticket " + slip.ticketNumber(), () -> encoder.encode(slip));
    }

    @Override
    public synchronized PrintOutcome print(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return send("receipt " + receipt.caseNumber(), () -> encoder.encode(receipt));
    }

    @Override
    public synchronized PrinterStatus status() {
        requireOpen();
        try {
            transport.open();
            return readStatus();
        } catch (TransportException e) {
            if (e.kind() != TransportException.Kind.TIMEOUT) {
                transport.close();
            }
            return new PrinterStatus(PrinterState.OFFLINE, transport.describe(),
                    e.getMessage() + ". " + reasonOf(e).advice());
        }
    }

    @Override
    public String describe() {
        return transport.describe() + ", profile " + encoder.profile().name();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            transport.close();
        }
    }

    private PrintOutcome send(String document, Supplier<byte[]> encoding) {
        requireOpen();
        long start = System.nanoTime();
        byte[] bytes = encoding.get();
        PrinterStatus before;
        try {
            transport.open();
            if (dirty) {
                transport.write(EscPosCommands.CLEAR_BUFFERS_AND_RECOVER, timeout);
                dirty = false;
            }
            before = readStatus();
        } catch (TransportException e) {
            return failed(document, e, false);
        }
        if (!before.canPrint()) {
            return failed(document, reasonOf(before.state()), before.message(), false);
        }
        try {
            transport.write(bytes, timeout);
        } catch (TransportException e) {
            dirty = true;
            if (e.kind() == TransportException.Kind.TIMEOUT) {
                PrinterStatus why = statusAfterFailure();
                if (why != null && !why.canPrint()) {
                    return failed(document, reasonOf(why.state()), why.message(), true);
                }
            }
            return failed(document, e, true);
        }
        PrinterStatus after;
        try {
            after = readStatus();
        } catch (TransportException e) {
            dirty = true;
            return failed(document, e, true);
        }
        if (!after.canPrint()) {
            dirty = true;
            return failed(document, reasonOf(after.state()), after.message(), true);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("printed {} ({} bytes, {} ms) on {}; printer {}", document, bytes.length, took.toMillis(),
                transport.describe(), after.state().code());
        return new PrintOutcome.Printed(document, bytes.length, took, after);
    }

    private PrinterStatus statusAfterFailure() {
        try {
            return readStatus();
        } catch (TransportException e) {
            return null;
        }
    }

    private PrinterStatus readStatus() {
        int printer = transport.queryStatus(1, timeout);
        int cause = transport.queryStatus(2, timeout);
        int paper = transport.queryStatus(4, timeout);
        String device = transport.describe();
        for (int b : new int[] {printer, cause, paper}) {
            if (!StatusBytes.valid(b)) {
                return new PrinterStatus(PrinterState.ERROR, device, String.format(
                        "The printer answered 0x%02X to a status query, which is not an ESC/POS status byte: "
                                + "check that printer.profile matches the printer model.", b));
            }
        }
        PrinterState state = StatusBytes.decode(printer, cause, paper);
        return new PrinterStatus(state, device, messageFor(state));
    }

    private static String messageFor(PrinterState state) {
        return switch (state) {
            case READY -> "Ready.";
            case PAPER_NEAR_END -> "Paper is running low: have a new roll ready.";
            case PAPER_OUT -> "The printer is out of paper. " + FailureReason.PAPER_OUT.advice();
            case COVER_OPEN -> "The printer cover is open. " + FailureReason.COVER_OPEN.advice();
            case ERROR -> "The printer reports an error. " + FailureReason.PRINTER_ERROR.advice();
            case OFFLINE -> "The printer is not reachable. " + FailureReason.OFFLINE.advice();
        };
    }

    private static FailureReason reasonOf(PrinterState state) {
        return switch (state) {
            case PAPER_OUT -> FailureReason.PAPER_OUT;
            case COVER_OPEN -> FailureReason.COVER_OPEN;
            case OFFLINE -> FailureReason.OFFLINE;
            case ERROR, READY, PAPER_NEAR_END -> FailureReason.PRINTER_ERROR;
        };
    }

    private static FailureReason reasonOf(TransportException e) {
        return switch (e.kind()) {
            case NOT_FOUND, DISCONNECTED -> FailureReason.OFFLINE;
            case NOT_ACCESSIBLE -> FailureReason.NOT_ACCESSIBLE;
            case TIMEOUT -> FailureReason.TIMEOUT;
        };
    }

    private PrintOutcome failed(String document, TransportException e, boolean partial) {
        if (e.kind() != TransportException.Kind.TIMEOUT) {
            transport.close(); // re-discover on the next call
        }
        FailureReason reason = reasonOf(e);
        return failed(document, reason, e.getMessage() + ". " + reason.advice(), partial);
    }

    private PrintOutcome failed(String document, FailureReason reason, String detail, boolean partial) {
        String message = (partial ? "The " + document + " may be incomplete: reprint it. " : "The " + document
                + " was not printed. ") + detail;
        LOG.warn("print failed: {} [{}] {}", document, reason.code(), message);
        return new PrintOutcome.Failed(document, reason, message, partial);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("printer closed: build a new one with HardwareFactory");
        }
    }
}
