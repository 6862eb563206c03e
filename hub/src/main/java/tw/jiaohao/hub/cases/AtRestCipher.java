package tw.jiaohao.hub.cases;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for personal data at rest. A sealed value is {@code 0x01 | 12-byte nonce |
 * ciphertext+tag}; the associated data (the case's office and number) binds it to its row, so
 * a value copied into another case does not open. Thread-safe.
 */
public final class AtRestCipher {
    private static final byte VERSION = 1;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public AtRestCipher(SecretKey key) {
        this.key = key;
    }

    public byte[] encrypt(byte[] plain, String boundTo) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain);
            return ByteBuffer.allocate(1 + iv.length + ct.length).put(VERSION).put(iv).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new CasesException("cannot encrypt personal data: " + e.getClass().getSimpleName(), e);
        }
    }

    public byte[] decrypt(byte[] sealed, String boundTo) {
        try {
            if (sealed.length < 1 + 12 + 16 || sealed[0] != VERSION) {
                throw new CasesException("stored personal data has an unknown format");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, 12));
            c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, 13, sealed.length - 13);
        } catch (GeneralSecurityException e) {
            throw new CasesException("cannot decrypt stored personal data (wrong " + HubKeys.AT_REST + "?)", e);
        }
    }
}
