package tw.jiaohao.board.wall;

import java.time.Clock;
import java.time.Instant;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.link.MqttOfficeLink;
import tw.jiaohao.board.link.OfficeListener;
import tw.jiaohao.board.link.UnknownOfficeWatch;
import tw.jiaohao.board.voice.Announcer;
import tw.jiaohao.board.voice.CallTracker;
import tw.jiaohao.protocol.device.DeviceKind;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The wall board wired together: the office link feeds the {@link WallBoardView} (on the
 * JavaFX thread) and the {@link Announcer} (new calls and recalls). Create and {@link #start()}
 * after the JavaFX toolkit runs; put {@link #view()}'s root in a scene.
 */
public final class WallBoard implements OfficeListener, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WallBoard.class);
    private final WallBoardView view;
    private final MqttOfficeLink link;
    private final Announcer announcer;
    private final CallTracker tracker;
    private final Clock clock;
    private final String officeId;
    private final UnknownOfficeWatch unknownOffice;
    private final boolean ownEnglish;
    private final boolean ownVoiceEnglish;
    private OfficeSettings.Languages headOfficeLanguages;
    private Timeline ticking;

    /** {@code announcer} may be null for a silent board. */
    public WallBoard(DisplayConfig config, Clock clock, Announcer announcer) {
        this.clock = clock;
        this.view = new WallBoardView(config.zone(), config.english(), config.screenDpi(), config.rotation());
        this.announcer = announcer;
        this.tracker = new CallTracker(config.voice().maxAge());
        this.link = new MqttOfficeLink(config, DeviceKind.WALL_BOARD, this, clock);
        this.officeId = config.officeId();
        this.unknownOffice = new UnknownOfficeWatch(config.unknownOfficeAfter());
        this.ownEnglish = config.english();
        this.ownVoiceEnglish = config.voice().english();
    }

    public void start() {
        Platform.runLater(() -> {
            view.tick(clock.instant());
            ticking = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
                view.tick(clock.instant());
                checkOfficeKnown();
            }));
            ticking.setCycleCount(Animation.INDEFINITE);
            ticking.play();
        });
        link.start();
    }

    public WallBoardView view() {
        return view;
    }

    public MqttOfficeLink link() {
        return link;
    }

    /** Connected for a while and still no state: the office id matches no office node. */
    private void checkOfficeKnown() {
        if (unknownOffice.becameUnknown(clock.instant())) {
            LOG.warn("no state for office '{}' {} s after connecting: office.id matches no office node on this broker",
                    officeId, unknownOffice.after().toSeconds());
            view.showUnknownOffice(officeId);
        }
    }

    @Override
    public void onSnapshot(StateSnapshot snapshot) {
        unknownOffice.snapshot();
        followLanguages(snapshot.languages());
        if (announcer != null) {
            tracker.newCalls(snapshot, clock.instant()).forEach(c -> announcer.announce(c.number(), c.counter()));
        }
        Platform.runLater(() -> view.show(snapshot));
    }

    /**
     * Head office's languages, carried by the office node's snapshots, decide what the board shows
     * and speaks (Chinese always, English beside it and after it when offered); without them the
     * board's own file decides. Runs on the link's thread, before the snapshot's calls are announced.
     */
    private void followLanguages(OfficeSettings.Languages languages) {
        if (java.util.Objects.equals(languages, headOfficeLanguages)) {
            return;
        }
        headOfficeLanguages = languages;
        boolean english = languages == null ? ownEnglish : languages.englishOffered();
        boolean speakEnglish = languages == null ? ownVoiceEnglish : languages.englishOffered();
        LOG.info("languages {}: showing {}, speaking {}", languages == null ? "of this board's file" : "from head office " + languages.offered(),
                english ? "Chinese with English" : "Chinese", speakEnglish ? "Mandarin and English" : "Mandarin");
        if (announcer != null) {
            announcer.speakEnglish(speakEnglish);
        }
        Platform.runLater(() -> view.english(english));
    }

    @Override
    public void onNotices(NoticeBoard board) {
        Platform.runLater(() -> view.showNotices(board, clock.instant()));
    }

    @Override
    public void onConnection(boolean online, Instant offlineSince) {
        if (online) {
            unknownOffice.connected(clock.instant());
        }
        Platform.runLater(() -> view.setOffline(offlineSince));
    }

    @Override
    public void close() {
        link.close();
        if (announcer != null) {
            announcer.close();
        }
        Platform.runLater(() -> {
            if (ticking != null) {
                ticking.stop();
            }
        });
    }
}
