package tw.jiaohao.protocol.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Login password hashes in Mosquitto 2.0's {@code password_file} format,
 * {@code $7$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA512 with a 64-byte hash, salt and hash
 * in standard Base64. The same hash serves Mosquitto and the hub's embedded broker, so neither
 * keeps a password in plain text. Thread-safe, stateless.
 */
public final class PasswordHash {
    /** Bytes of the derived hash ({@code mosquitto_passwd} 2.0 writes 64). */
    public static final int HASH_BYTES = 64;
    /** Most iterations a stored hash may ask for (a hostile file must not stall the broker). */
    private static final int MAX_ITERATIONS = 1_000_000;

    private PasswordHash() {
    }

    /** The {@code $7$…} hash of {@code password} with the given salt and iteration count. */
    public static String hash(String password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Throws {@link AccessException} unless {@code stored} is a well-formed {@code $7$} hash
     * (checked when a login file is read, so a bad line fails at start, not at a login).
     */
    public static String requireWellFormed(String stored) {
        parse(stored);
        return stored;
    }

    /** True when {@code password} hashes to {@code stored} (compared in constant time). */
    public static boolean matches(String password, String stored) {
        if (password == null) {
            return false;
        }
        Parsed p = parse(stored);
        return MessageDigest.isEqual(p.hash(), derive(password, p.salt(), p.iterations()));
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$", -1);
        try {
            if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("7")) {
                int iterations = Integer.parseInt(parts[2]);
                byte[] salt = Base64.getDecoder().decode(parts[3]);
                byte[] hash = Base64.getDecoder().decode(parts[4]);
                if (iterations >= 1 && iterations <= MAX_ITERATIONS && salt.length >= 8 && hash.length == HASH_BYTES) {
                    return new Parsed(iterations, salt, hash);
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new AccessException("not a $7$ password hash (PBKDF2-SHA512 as mosquitto_passwd 2.0 writes it);"
                + " regenerate the file with bin/jiaohao mosquitto-config");
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new AccessException("this JDK lacks PBKDF2WithHmacSHA512, which every OpenJDK 17 has; use a standard JDK", e);
        }
    }
}
