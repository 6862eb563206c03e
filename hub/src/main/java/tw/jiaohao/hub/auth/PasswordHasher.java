package tw.jiaohao.hub.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import tw.jiaohao.hub.HubException;

/**
 * Slow password hashing: PBKDF2 with HMAC-SHA256 (JDK), a random 16-byte salt per password and
 * {@value #DEFAULT_ITERATIONS} iterations (OWASP's 2023 floor for PBKDF2-SHA256). The stored
 * form {@code pbkdf2-sha256$iterations$salt$hash} (Base64) carries its own iteration count,
 * so raising the count later leaves old hashes verifiable. Thread-safe.
 */
public final class PasswordHasher {
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Shortest password accepted when one is set. */
    public static final int MIN_LENGTH = 10;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new HubException("PBKDF2 iterations must be ≥ 1");
        }
        this.iterations = iterations;
    }

    /** Refuses passwords that are too short; returns the stored form. */
    public String hash(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new HubException("a password needs at least " + MIN_LENGTH + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** True when {@code password} matches {@code stored}; false for a malformed stored form. */
    public boolean verify(char[] password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (n < 1 || n > 10_000_000 || salt.length == 0 || expected.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one verification, so an unknown username answers as slowly as a wrong password. */
    public void burn(char[] password) {
        derive(password == null ? new char[0] : password, new byte[SALT_BYTES], iterations);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new HubException("this JVM lacks PBKDF2WithHmacSHA256: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }

    static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
