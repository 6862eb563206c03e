package tw.jiaohao.office.selfservice;

import tw.jiaohao.hardware.printing.Receipt;
import tw.jiaohao.protocol.selfservice.RequestKind;

/**
 * A request the office node has taken (durably, in its outbox): the case number for the
 * customer, whether it was checked with the hub at the kiosk, and the receipt to print (masked).
 */
public record TakenRequest(String caseNumber, RequestKind kind, boolean notYetVerified, Receipt receipt) {
}
