package tw.jiaohao.office.ticketing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Time-ordered UUIDs (version 7): event ids that index well at the hub. */
final class Uuids {
    /** A deterministic random bit generator seeded once: the default {@code NativePRNG} reads the kernel's pool on every call, on the ticket's path. */
    private static final SecureRandom RANDOM = drbg();

    private Uuids() {
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    static UUID v7(Instant at) {
        long msb = (at.toEpochMilli() << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
