package tw.jiaohao.office.ticketing;

import java.nio.file.Path;
import tw.jiaohao.office.OfficeException;

/**
 * The office database file is damaged (not a database, or its pages fail SQLite's check): the
 * node refuses to start on it, and the message names the restore procedure to follow
 * (docs/OPERATIONS.md, "The database is damaged") instead of a stack trace.
 */
public final class DamagedDatabaseException extends OfficeException {
    private final String statusDetail;

    public DamagedDatabaseException(Path file, String what) {
        super("the office database " + file.toAbsolutePath() + " is damaged (" + what + "); the node will not start on it. "
                + "Restore the newest backup: sudo systemctl stop jiaohao-kiosk; "
                + "sudo -u jiaohao /opt/jiaohao/current/bin/jiaohao-restore --to " + file.toAbsolutePath()
                + "; sudo systemctl start jiaohao-kiosk (docs/OPERATIONS.md, \"The database is damaged\")");
        String short_ = what.length() <= 60 ? what : what.substring(0, 59) + "…";
        this.statusDetail = "database-damaged: " + file.getFileName() + " (" + short_ + "), the node does not start: run jiaohao-restore --to "
                + file.toAbsolutePath() + " (docs/OPERATIONS.md)";
    }

    /** The short form for the device status the hub shows ({@code database-damaged: …}, at most 300 characters with a usual path). */
    public String statusDetail() {
        return statusDetail;
    }
}
