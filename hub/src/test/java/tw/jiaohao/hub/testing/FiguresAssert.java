package tw.jiaohao.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import tw.jiaohao.hub.stats.CategoryFigures;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.protocol.event.Rating;

/** Compares the hub's figures with {@link ReferenceFigures}: counts exactly, times within 1 s. */
public final class FiguresAssert {
    private FiguresAssert() {
    }

    public static void matches(OfficeFigures hub, Map<String, ReferenceFigures> reference) {
        assertThat(hub.categories()).extracting(CategoryFigures::category)
                .containsExactlyInAnyOrderElementsOf(reference.keySet().stream().filter(c -> !c.equals("*")).toList());
        matches(hub.total(), reference.get("*"));
        for (CategoryFigures c : hub.categories()) {
            matches(c, reference.get(c.category()));
        }
    }

    public static void matches(CategoryFigures hub, ReferenceFigures ref) {
        String c = "category " + hub.category() + ": ";
        assertThat(hub.tickets()).as(c + "tickets").isEqualTo(ref.tickets);
        assertThat(hub.transfersOut()).as(c + "transfers out").isEqualTo(ref.transfersOut);
        assertThat(hub.transfersIn()).as(c + "transfers in").isEqualTo(ref.transfersIn);
        assertThat(hub.noShows()).as(c + "no-shows").isEqualTo(ref.noShows);
        assertThat(hub.cancelled()).as(c + "cancelled").isEqualTo(ref.cancelled);
        assertThat(hub.recalls()).as(c + "recalls").isEqualTo(ref.recalls);
        assertThat(hub.waits()).as(c + "waits").isEqualTo(ref.waitsSeconds.size());
        assertThat(hub.served()).as(c + "served").isEqualTo(ref.servicesSeconds.size());
        assertClose(c + "wait mean", hub.waitMeanSeconds(), ref.waitMean());
        assertClose(c + "wait p50", hub.waitP50Seconds(), ref.waitPercentile(0.5));
        assertClose(c + "wait p90", hub.waitP90Seconds(), ref.waitPercentile(0.9));
        assertClose(c + "service mean", hub.serviceMeanSeconds(), ref.serviceMean());
        for (Rating r : Rating.values()) {
            assertThat(hub.ratings().get(r)).as(c + "ratings " + r).isEqualTo(ref.ratings.getOrDefault(r, 0L));
        }
    }

    private static void assertClose(String what, Double hub, Double ref) {
        if (ref == null) {
            assertThat(hub).as(what).isNull();
        } else {
            assertThat(hub).as(what).isNotNull();
            assertThat(hub).as(what).isCloseTo(ref, within(1.0));
        }
    }
}
