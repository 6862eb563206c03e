package tw.jiaohao.protocol.selfservice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * Seals {@link PersonalData} for the hub and opens it there (hybrid encryption: RSA-OAEP-256
 * wraps a fresh AES-256-GCM key per request). Thread-safe, stateless. Keys are handled as
 * PEM text ({@code PUBLIC KEY} = X.509 SubjectPublicKeyInfo, {@code PRIVATE KEY} = PKCS#8) so
 * the hub's installer command can write them and office nodes can read the public one from a
 * file named in their configuration.
 */
public final class PersonalDataSeal {
    public static final String ALGORITHM = "RSA-OAEP-256+A256GCM";
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonCodec CODEC = new JsonCodec();

    private PersonalDataSeal() {
    }

    /** Seals {@code data} for the holder of the private key matching {@code hubKey}, bound to the request. */
    public static SealedPersonalData seal(PersonalData data, PublicKey hubKey, UUID requestId, String office) {
        try {
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(256, RANDOM);
            SecretKey aes = gen.generateKey();
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
            gcm.updateAAD(aad(requestId, office));
            byte[] ciphertext = gcm.doFinal(CODEC.encode(data));
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, hubKey, OAEP);
            byte[] wrapped = rsa.doFinal(aes.getEncoded());
            Base64.Encoder b64 = Base64.getEncoder();
            return new SealedPersonalData(ALGORITHM, keyId(hubKey), b64.encodeToString(wrapped), b64.encodeToString(iv), b64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("cannot seal personal data (is the hub public key an RSA key?): " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Opens a sealed block with the hub's private key. Throws {@link ProtocolException} when the
     * key does not match, the block was altered, or it was sealed for another request; the
     * message never contains personal data.
     */
    public static PersonalData open(SealedPersonalData sealed, PrivateKey hubKey, UUID requestId, String office) {
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, hubKey, OAEP);
            byte[] key = rsa.doFinal(b64.decode(sealed.wrappedKey()));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, b64.decode(sealed.iv())));
            gcm.updateAAD(aad(requestId, office));
            byte[] json = gcm.doFinal(b64.decode(sealed.ciphertext()));
            return CODEC.decodeOrThrow(json, PersonalData.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProtocolException("cannot open sealed personal data (key " + sealed.keyId()
                    + "): wrong hub key, or the block was altered or belongs to another request", e);
        }
    }

    /** The key id used in {@link SealedPersonalData#keyId()}. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("SHA-256 unavailable", e);
        }
    }

    /** A new 3072-bit RSA key pair for the hub. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(3072, RANDOM);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("RSA unavailable", e);
        }
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static PublicKey publicKeyFromPem(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(unpem(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProtocolException("not an RSA public key in PEM form (-----BEGIN PUBLIC KEY-----): " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKeyFromPem(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unpem(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProtocolException("not an RSA private key in PKCS#8 PEM form (-----BEGIN PRIVATE KEY-----)", e);
        }
    }

    private static byte[] aad(UUID requestId, String office) {
        return (requestId + "|" + office).getBytes(StandardCharsets.UTF_8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem == null ? -1 : pem.indexOf(begin);
        int e = pem == null ? -1 : pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }
}
