package tw.jiaohao.office.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MosquittoPasswordsTest {

    @Test
    void hash_ofALineWrittenByMosquittoPasswd_isReproducedExactly() {
        // `printf 'u:secret\n' > pw && mosquitto_passwd -U pw` with Mosquitto 2.0.11
        String line = "u:$7$101$yMop6lHfgcRI7KWR$b25DLELxs0mBQb0EHXT6m1+di0wvIMoFmSyETX+F6QFPNRpYDa8bI4HUT75fp6T/LQpjtHheyXKoTmabJNC+mA==";
        byte[] salt = Base64.getDecoder().decode("yMop6lHfgcRI7KWR");
        assertThat("u:" + MosquittoPasswords.hash("secret", salt, 101)).isEqualTo(line);
        assertThat("u:" + MosquittoPasswords.hash("Secret", salt, 101)).isNotEqualTo(line);
    }

    @Test
    void line_usesAFreshSaltEachTime_andTheFormatMosquittoReads() {
        MosquittoPasswords p = new MosquittoPasswords(new SecureRandom());
        String a = p.line("office-a-node", "pw");
        String b = p.line("office-a-node", "pw");
        assertThat(a).isNotEqualTo(b).matches("office-a-node:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    }

    @Test
    void newPassword_isLongRandomAndPlain() {
        MosquittoPasswords p = new MosquittoPasswords(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String pw = p.newPassword();
            assertThat(pw).hasSize(MosquittoPasswords.PASSWORD_LENGTH).matches("[A-Za-z0-9]+");
            seen.add(pw);
        }
        assertThat(seen).hasSize(1000);
    }
}
