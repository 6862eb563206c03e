package tw.jiaohao.office.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tw.jiaohao.forecast.LearnedServiceModel;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.OfficeConfig;

/**
 * What simulated days taught about service, for the evaluations that learn from a simulated
 * history (estimates, staffing): each day's {@link OfficeDay.History} is added, and the service
 * model is fitted from all of them, the office's configured service minutes as its priors.
 * Not thread-safe: one evaluation adds its days in order.
 */
final class ServiceHistory {
    private final List<LearnedServiceModel.Sample> samples = new ArrayList<>();
    private double overhead;
    private int calls;
    private int noShows;
    private int transfers;
    private final Map<String, Double> targets = new HashMap<>();
    private final Map<String, Map<String, Double>> bySource = new HashMap<>();

    void add(OfficeDay.History h) {
        samples.addAll(h.services());
        overhead += h.walkAndTurnaround() * h.services().size();
        calls += h.calls();
        noShows += h.noShows();
        transfers += h.transfers();
        h.transferTargets().forEach((k, v) -> targets.merge(k, v, Double::sum));
        h.transfersBySource().forEach((from, to) -> to.forEach((k, v) ->
                bySource.computeIfAbsent(from, x -> new HashMap<>()).merge(k, v, Double::sum)));
    }

    /**
     * The model fitted from the days added.
     *
     * @param transferTargetsBySource whether a transfer's target is learned per source category
     *                                (else one mix of targets for every source)
     */
    LearnedServiceModel fit(OfficeConfig config, boolean transferTargetsBySource) {
        Map<String, Double> medians = new HashMap<>();
        for (CategoryConfig c : config.categories()) {
            medians.put(c.code(), c.serviceMinutes());
        }
        return LearnedServiceModel.fit(samples, medians,
                samples.isEmpty() ? LearnedServiceModel.DEFAULT_CALL_TO_START : overhead / samples.size(),
                calls == 0 ? LearnedServiceModel.DEFAULT_NO_SHOW_SHARE : noShows / (double) calls, OfficeDay.NO_SHOW_HOLD,
                samples.isEmpty() ? 0 : transfers / (double) samples.size(), targets,
                transferTargetsBySource ? bySource : Map.of());
    }
}
