package tw.jiaohao.hub.cases;

import java.util.List;

/**
 * The case view: the summary, its history, and the personal data in clear when the viewer may
 * see it ({@link CaseAccess#maySeePersonal}) and it is not erased; otherwise {@code personal} is
 * null and only the masked fields of the summary show. {@code next} lists the states the viewer
 * may move the case to (empty for read-only viewers).
 */
public record CaseDetail(CaseSummary summary, List<CaseStep> steps, CasePersonal personal, List<CaseState> next) {
    public CaseDetail {
        steps = List.copyOf(steps);
        next = List.copyOf(next);
    }
}
