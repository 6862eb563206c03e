package tw.jiaohao.hub.cases;

import java.nio.file.Path;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao hub-keys [--dir data/keys]}: the installer's step that creates the hub's
 * personal-data keys (see {@link HubKeys}) and says which file to copy to the office nodes.
 */
public final class HubKeysMain {
    private HubKeysMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("hub-keys");
        Path dir = Path.of("data/keys");
        if (args.length == 2 && args[0].equals("--dir")) {
            dir = Path.of(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: bin/jiaohao hub-keys [--dir data/keys]");
            System.exit(2);
        }
        try {
            HubKeys.create(dir);
            System.out.println("created " + dir.resolve(HubKeys.AT_REST) + " and " + dir.resolve(HubKeys.SEAL_PRIVATE) + " (0600; back them up apart from the database)");
            System.out.println("copy " + dir.resolve(HubKeys.SEAL_PUBLIC) + " to every office node and name it in selfservice.hub-public-key");
        } catch (CasesException e) {
            System.err.println("hub-keys: " + e.getMessage());
            System.exit(1);
        }
    }
}
