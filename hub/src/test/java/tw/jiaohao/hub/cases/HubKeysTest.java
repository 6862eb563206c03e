package tw.jiaohao.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

class HubKeysTest {
    @TempDir
    Path dir;

    @Test
    void create_writesSecretsOwnerOnly_andLoadReadsThem() throws Exception {
        HubKeys.create(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(HubKeys.AT_REST)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(HubKeys.SEAL_PRIVATE)))).isEqualTo("rw-------");
        HubKeys keys = HubKeys.load(dir);
        assertThat(keys.atRest().getEncoded()).hasSize(32);
        String pub = Files.readString(dir.resolve(HubKeys.SEAL_PUBLIC));
        assertThat(PersonalDataSeal.keyId(PersonalDataSeal.publicKeyFromPem(pub))).hasSize(16);
    }

    @Test
    void create_neverOverwritesKeys() {
        HubKeys.create(dir);
        assertThatThrownBy(() -> HubKeys.create(dir)).isInstanceOf(CasesException.class).hasMessageContaining("never overwritten");
    }

    @Test
    void load_refusesAKeyOthersMayRead_andNamesTheFix() throws Exception {
        HubKeys.create(dir);
        Files.setPosixFilePermissions(dir.resolve(HubKeys.AT_REST), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> HubKeys.load(dir)).isInstanceOf(CasesException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void load_withoutKeys_saysHowToCreateThem() {
        assertThatThrownBy(() -> HubKeys.load(dir.resolve("none"))).hasMessageContaining("bin/jiaohao hub-keys");
    }

    @Test
    void atRestCipher_bindsTheValueToItsCase() {
        HubKeys.create(dir);
        AtRestCipher cipher = new AtRestCipher(HubKeys.load(dir).atRest());
        byte[] sealed = cipher.encrypt("A123456789".getBytes(StandardCharsets.UTF_8), "taipei-1|T-20261122-001");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("A123456789");
        assertThat(cipher.decrypt(sealed, "taipei-1|T-20261122-001")).asString(StandardCharsets.UTF_8).isEqualTo("A123456789");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "taipei-1|T-20261122-002")).isInstanceOf(CasesException.class);
    }
}
