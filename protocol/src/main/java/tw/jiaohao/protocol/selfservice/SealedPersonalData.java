package tw.jiaohao.protocol.selfservice;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * {@link PersonalData} sealed for the hub by {@link PersonalDataSeal}: the JSON of the personal
 * data encrypted with a fresh AES-256-GCM key, that key encrypted with the hub's RSA public key
 * (OAEP, SHA-256). Only the holder of the hub's private key can open it; the office node, the
 * brokers and bridges in between see ciphertext. The request's id and office are bound in as
 * associated data, so a sealed block cannot be moved to another request.
 *
 * @param alg        {@value PersonalDataSeal#ALGORITHM}
 * @param keyId      the first 16 hex digits of the SHA-256 of the hub public key used (for key rotation)
 * @param wrappedKey base64 of the RSA-OAEP-encrypted AES key
 * @param iv         base64 of the 12-byte GCM nonce
 * @param ciphertext base64 of the GCM ciphertext with its tag
 */
public record SealedPersonalData(String alg, String keyId, String wrappedKey, String iv, String ciphertext) {
    public SealedPersonalData {
        if (!PersonalDataSeal.ALGORITHM.equals(alg)) {
            throw new InvalidMessageException("alg", "must be " + PersonalDataSeal.ALGORITHM);
        }
        if (keyId == null || !keyId.matches("[0-9a-f]{16}")) {
            throw new InvalidMessageException("keyId", "must be 16 lower-case hex digits");
        }
        base64("wrappedKey", wrappedKey, 1024);
        base64("iv", iv, 24);
        base64("ciphertext", ciphertext, 4096);
    }

    private static void base64(String field, String value, int max) {
        Check.text(field, value, max);
        if (!value.matches("[A-Za-z0-9+/]+={0,2}")) {
            throw new InvalidMessageException(field, "must be base64");
        }
    }

    @Override
    public String toString() {
        return "SealedPersonalData[keyId=" + keyId + "]";
    }
}
