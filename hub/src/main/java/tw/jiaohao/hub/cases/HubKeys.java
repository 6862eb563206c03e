package tw.jiaohao.hub.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;

/**
 * The hub's two secrets for personal data, in one folder the installer creates with
 * {@code bin/jiaohao hub-keys --dir data/keys}:
 * <ul>
 *   <li>{@value #AT_REST} — the AES-256 key that encrypts personal data at rest (AES-GCM), base64;</li>
 *   <li>{@value #SEAL_PRIVATE} — the RSA private key that opens requests sealed by office nodes;</li>
 *   <li>{@value #SEAL_PUBLIC} — its public half, to copy to every office node
 *       ({@code selfservice.hub-public-key}); not secret.</li>
 * </ul>
 * The secret files are created with permissions 0600 and refused at load if group or others may
 * read them. Losing {@value #AT_REST} makes stored personal data unreadable: back it up apart
 * from the database.
 */
public final class HubKeys {
    public static final String AT_REST = "personal-data.key";
    public static final String SEAL_PRIVATE = "request-seal.key.pem";
    public static final String SEAL_PUBLIC = "request-seal.pub.pem";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey atRest;
    private final PrivateKey sealPrivate;

    private HubKeys(SecretKey atRest, PrivateKey sealPrivate) {
        this.atRest = atRest;
        this.sealPrivate = sealPrivate;
    }

    public SecretKey atRest() {
        return atRest;
    }

    public PrivateKey sealPrivate() {
        return sealPrivate;
    }

    /** Creates the three files in {@code dir}; refuses to overwrite existing keys. */
    public static void create(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : new String[] {AT_REST, SEAL_PRIVATE, SEAL_PUBLIC}) {
                if (Files.exists(dir.resolve(name))) {
                    throw new CasesException(dir.resolve(name) + " exists; keys are never overwritten (stored personal data "
                            + "would become unreadable). Move the folder away first if you really mean to start over");
                }
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            KeyPair pair = PersonalDataSeal.generateKeyPair();
            writeSecret(dir.resolve(AT_REST), Base64.getEncoder().encodeToString(key) + "\n");
            writeSecret(dir.resolve(SEAL_PRIVATE), PersonalDataSeal.toPem(pair.getPrivate()));
            Files.writeString(dir.resolve(SEAL_PUBLIC), PersonalDataSeal.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CasesException("cannot create the key files in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Loads the keys from {@code dir}; the error names the file and what to do. */
    public static HubKeys load(Path dir) {
        Path atRestFile = dir.resolve(AT_REST);
        Path sealFile = dir.resolve(SEAL_PRIVATE);
        byte[] key = Base64.getDecoder().decode(readSecret(atRestFile).strip());
        if (key.length != 32) {
            throw new CasesException(atRestFile + " does not hold a 256-bit key; recreate the keys with bin/jiaohao hub-keys");
        }
        try {
            return new HubKeys(new SecretKeySpec(key, "AES"), PersonalDataSeal.privateKeyFromPem(readSecret(sealFile)));
        } catch (ProtocolException e) {
            throw new CasesException(sealFile + ": " + e.getMessage(), e);
        }
    }

    private static void writeSecret(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new CasesException(file + " exists; keys are never overwritten");
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static String readSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new CasesException("no key file " + file.toAbsolutePath() + "; create the keys once with "
                        + "bin/jiaohao hub-keys --dir " + file.getParent() + " (selfservice.keys-dir)");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new CasesException(file.toAbsolutePath() + " may be read by other users (" + PosixFilePermissions.toString(perms)
                        + "); run chmod 600 " + file.toAbsolutePath());
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CasesException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
