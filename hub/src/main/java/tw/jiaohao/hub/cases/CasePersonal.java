package tw.jiaohao.hub.cases;

import tw.jiaohao.protocol.personal.AddressMask;
import tw.jiaohao.protocol.personal.NationalId;
import tw.jiaohao.protocol.personal.PhoneNumber;
import tw.jiaohao.protocol.selfservice.PersonalData;

/**
 * A case's personal data as the hub keeps it, encrypted at rest: what the customer gave at the
 * kiosk, and the service address and holder they confirmed (from the accounts table at arrival;
 * null when the account was unknown). {@link #toString()} masks everything.
 */
public record CasePersonal(String name, String nationalId, String phone, String houseNumber, String serviceAddress, String holderName) {

    public static CasePersonal of(PersonalData p, String serviceAddress, String holderName) {
        return new CasePersonal(p.name(), p.nationalId(), p.phone(), p.houseNumber(), serviceAddress, holderName);
    }

    @Override
    public String toString() {
        return "CasePersonal[" + PersonalData.maskName(name) + ", " + (nationalId == null ? "-" : NationalId.mask(nationalId)) + ", "
                + PhoneNumber.mask(phone) + ", " + AddressMask.mask(serviceAddress) + "]";
    }
}
