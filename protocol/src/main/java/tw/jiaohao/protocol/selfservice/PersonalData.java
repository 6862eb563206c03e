package tw.jiaohao.protocol.selfservice;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.personal.NationalId;
import tw.jiaohao.protocol.personal.PhoneNumber;

/**
 * The personal part of a self-service request. It never travels or rests in clear: the office
 * node seals it for the hub ({@link PersonalDataSeal}) before storing or sending the request,
 * and the hub keeps it encrypted at rest. {@link #toString()} masks every field, so a record
 * that reaches a log by mistake leaks nothing.
 *
 * @param name        transfer: the new holder's name; suspension: the contact person's name
 * @param nationalId  transfer: the new holder's national ID (checksum valid, normalized); suspension: null
 * @param phone       contact phone, normalized ({@link PhoneNumber#normalize})
 * @param houseNumber the house number the customer typed to prove the address ({@link HouseNumber})
 */
public record PersonalData(String name, String nationalId, String phone, String houseNumber) {
    public PersonalData {
        Check.text("name", name, 60);
        if (nationalId != null && (!NationalId.isValid(nationalId) || !nationalId.equals(NationalId.normalize(nationalId)))) {
            throw new InvalidMessageException("nationalId", "must be a normalized national ID with a valid check digit");
        }
        if (phone == null || !PhoneNumber.isValid(phone) || !phone.equals(PhoneNumber.normalize(phone))) {
            throw new InvalidMessageException("phone", "must be a normalized Taiwanese phone number");
        }
        if (houseNumber == null || HouseNumber.normalize(houseNumber).filter(houseNumber::equals).isEmpty()) {
            throw new InvalidMessageException("houseNumber", "must be a normalized house number such as 5 or 5-1");
        }
    }

    /** A name shown in lists: the first character kept, e.g. 王** . */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.strip();
        return n.codePointCount(0, n.length()) <= 1 ? "*" : n.substring(0, n.offsetByCodePoints(0, 1)) + "*".repeat(Math.min(4, n.codePointCount(0, n.length()) - 1));
    }

    @Override
    public String toString() {
        return "PersonalData[name=" + maskName(name) + ", nationalId=" + (nationalId == null ? "-" : NationalId.mask(nationalId))
                + ", phone=" + PhoneNumber.mask(phone) + ", houseNumber=*]";
    }
}
