package tw.jiaohao.hub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The personal data every self-service test uses, in one place, so that
 * {@code PersonalDataNotInLogsIT} can look for each of these values in the logs of the run.
 * The national IDs have valid check digits; the people and addresses are made up.
 */
public final class PersonalTestData {
    private PersonalTestData() {
    }

    public static final String ACCOUNT_OK = "33004567890";
    public static final String ADDRESS_OK = "臺北市中山區民生東路一段23巷5號3樓";
    public static final String HOLDER_OK = "王大明";
    public static final String HOUSE_OK = "5";

    public static final String ACCOUNT_ARREARS = "33004567891";
    public static final String ADDRESS_ARREARS = "臺北市大安區信義路三段100號";
    public static final String HOLDER_ARREARS = "李小華";

    public static final String ACCOUNT_NO_HOUSE = "33004567892";
    public static final String ADDRESS_NO_HOUSE = "南投縣信義鄉東埔村一鄰";

    public static final String ACCOUNT_CLOSED = "33004567893";
    public static final String ADDRESS_CLOSED = "高雄市前鎮區中山二路7之2號";

    public static final String NEW_HOLDER = "陳小明";
    public static final String NATIONAL_ID = "A123456789";
    public static final String PHONE = "0912345678";
    public static final String CONTACT = "林美華";
    public static final String NATIONAL_ID_2 = "F131104093";
    public static final String PHONE_2 = "0223456789";

    /** Every value that must never appear in a log. */
    public static List<String> secrets() {
        return List.of(ADDRESS_OK, HOLDER_OK, ADDRESS_ARREARS, HOLDER_ARREARS, ADDRESS_NO_HOUSE, ADDRESS_CLOSED,
                NEW_HOLDER, NATIONAL_ID, PHONE, "0912-345-678", CONTACT, NATIONAL_ID_2, PHONE_2, "02-2345-6789");
    }

    /** A billing extract with the four test accounts. */
    public static Path extract(Path dir) throws IOException {
        Path file = dir.resolve("extract.csv");
        Files.writeString(file, String.join("\n",
                "account_number,service_address,holder_name,arrears_amount,status",
                ACCOUNT_OK + "," + ADDRESS_OK + "," + HOLDER_OK + ",0,ACTIVE",
                ACCOUNT_ARREARS + "," + ADDRESS_ARREARS + "," + HOLDER_ARREARS + ",\"1,250\",ACTIVE",
                ACCOUNT_NO_HOUSE + "," + ADDRESS_NO_HOUSE + ",高山青,0,正常",
                ACCOUNT_CLOSED + "," + ADDRESS_CLOSED + ",張三,0,CLOSED", ""), StandardCharsets.UTF_8);
        return file;
    }
}
