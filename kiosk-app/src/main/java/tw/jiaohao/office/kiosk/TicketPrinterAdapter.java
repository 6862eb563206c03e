package tw.jiaohao.office.kiosk;

import java.util.Objects;
import tw.jiaohao.hardware.printing.FailureReason;
import tw.jiaohao.hardware.printing.PrintOutcome;
import tw.jiaohao.hardware.printing.PrinterStatus;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.hardware.printing.TicketSlip;
import tw.jiaohao.protocol.device.PrinterCondition;

/**
 * Adapter: the kiosk's {@link KioskPrinter} port on the hardware module's {@link TicketPrinter}
 * (USB or simulated). Maps the printer's states and failure reasons onto the protocol's
 * {@link PrinterCondition}; a printer error of its own (cutter jam, overheating), a timeout and
 * an inaccessible device are reported to the hub as {@code OFFLINE} with the printer's sentence
 * as detail (the protocol has no separate condition for them).
 */
public final class TicketPrinterAdapter implements KioskPrinter {
    private final TicketPrinter printer;

    public TicketPrinterAdapter(TicketPrinter printer) {
        this.printer = Objects.requireNonNull(printer, "printer");
    }

    @Override
    public PrintReport print(SlipRequest s) {
        KioskTicket t = s.ticket();
        TicketSlip slip = new TicketSlip(s.officeName(), t.number(), s.categoryLabel(), t.issuedAt(), s.zone(),
                t.peopleAhead(), Math.min(1440, t.estimateMinutes()), s.qrUrl(), s.noticeLine(), t.estimateLowMinutes(),
                t.estimateHighMinutes(), t.servedNow());
        PrintOutcome outcome = printer.print(slip);
        if (outcome instanceof PrintOutcome.Printed p) {
            return new PrintReport(true, reading(p.after()));
        }
        PrintOutcome.Failed f = (PrintOutcome.Failed) outcome;
        return new PrintReport(false, new PrinterReading(condition(f.reason()), f.reason().code(), f.message()));
    }

    @Override
    public PrinterReading status() {
        return reading(printer.status());
    }

    private static PrinterReading reading(PrinterStatus s) {
        PrinterCondition c = switch (s.state()) {
            case READY -> PrinterCondition.READY;
            case PAPER_NEAR_END -> PrinterCondition.PAPER_NEAR_END;
            case PAPER_OUT -> PrinterCondition.PAPER_OUT;
            case COVER_OPEN -> PrinterCondition.COVER_OPEN;
            case ERROR, OFFLINE -> PrinterCondition.OFFLINE;
        };
        return new PrinterReading(c, s.state().code(), s.message());
    }

    private static PrinterCondition condition(FailureReason r) {
        return switch (r) {
            case PAPER_OUT -> PrinterCondition.PAPER_OUT;
            case COVER_OPEN -> PrinterCondition.COVER_OPEN;
            case OFFLINE, TIMEOUT, PRINTER_ERROR, NOT_ACCESSIBLE -> PrinterCondition.OFFLINE;
        };
    }
}
