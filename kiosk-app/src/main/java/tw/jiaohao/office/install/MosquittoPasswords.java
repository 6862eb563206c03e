package tw.jiaohao.office.install;

import java.security.SecureRandom;
import tw.jiaohao.protocol.access.PasswordHash;

/**
 * Passwords for Mosquitto's {@code password_file}, hashed exactly as {@code mosquitto_passwd}
 * 2.0 does: {@code user:$7$101$<salt>$<hash>} with PBKDF2-HMAC-SHA512, 101 iterations, a
 * 12-byte random salt and a 64-byte hash, both standard Base64 ({@link PasswordHash}, which the
 * hub's embedded broker verifies them with). Mosquitto 2.0 reads this
 * format directly, so no {@code mosquitto_passwd} is needed on the machine that generates.
 * Thread-safe.
 */
public final class MosquittoPasswords {
    /** The iteration count {@code mosquitto_passwd} 2.0 writes (its default). */
    public static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** Generated passwords: 24 characters of a 57-letter alphabet (about 140 bits). */
    public static final int PASSWORD_LENGTH = 24;

    private final SecureRandom random;

    public MosquittoPasswords(SecureRandom random) {
        this.random = random;
    }

    /** A new random password: letters and digits only, safe in properties and Mosquitto files. */
    public String newPassword() {
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** One password-file line for {@code username} with a fresh salt. */
    public String line(String username, String password) {
        return username + ":" + newHash(password);
    }

    /** The {@code $7$…} hash of {@code password} with a fresh salt. */
    public String newHash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    /** The {@code $7$…} hash of {@code password} with the given salt (public for tests against mosquitto_passwd output). */
    public static String hash(String password, byte[] salt, int iterations) {
        return PasswordHash.hash(password, salt, iterations);
    }
}
