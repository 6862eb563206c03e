package tw.jiaohao.office.install;

import tw.jiaohao.office.OfficeException;

/** An installation file cannot be generated; the message says which flag or file to fix. */
public class InstallException extends OfficeException {
    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
