package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.duration;
import static tw.jiaohao.hub.web.Html.esc;
import static tw.jiaohao.hub.web.Html.percent;
import static tw.jiaohao.hub.web.Html.rating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tw.jiaohao.hub.report.Figures;
import tw.jiaohao.hub.report.NetworkComparison;

/**
 * The comparison page ({@code /compare}): offices side by side, then their districts and the
 * network, this period against the one before. Sorting is a link per column header (no script),
 * and sorts the office rows only: the district and network rows stay below as the yardstick.
 */
final class ComparePages {
    /** A sortable column: its id (also the {@code sort} parameter), header, hover text and the value it sorts by. */
    private record Column(String id, String label, String help, Function<Figures, Double> value, Function<Figures, String> shown) {
    }

    private ComparePages() {
    }

    private static List<Column> columns(I18n t, int target) {
        List<Column> c = new ArrayList<>();
        c.add(new Column("tickets", t.t("office.tickets"), t.t("help.tickets"), f -> (double) f.tickets(), f -> String.valueOf(f.tickets())));
        c.add(new Column("waitMean", t.t("office.waitMean"), t.t("help.waitMean"), Figures::waitMean, f -> duration(f.waitMean(), t)));
        c.add(new Column("waitP90", t.t("office.waitP90"), t.t("help.waitP90"), Figures::waitP90, f -> duration(f.waitP90(), t)));
        c.add(new Column("withinTarget", t.t("office.withinTarget", target), t.t("help.withinTarget", target), Figures::withinTargetShare,
                f -> percent(f.withinTargetShare())));
        c.add(new Column("noShows", t.t("compare.noShows"), t.t("help.compare.noShows"), f -> (double) f.noShows(),
                f -> f.noShows() + " (" + percent(f.noShowRate()) + ")"));
        c.add(new Column("rating", t.t("office.ratingMean"), t.t("help.ratingMean"), Figures::ratingMean,
                f -> rating(f.ratingMean()) + " (" + f.ratings() + ")"));
        return c;
    }

    /** The ids {@code ?sort=} accepts. */
    static final List<String> SORTS = List.of("name", "tickets", "waitMean", "waitP90", "withinTarget", "noShows", "rating");

    static String body(I18n t, NetworkComparison c, String sort, boolean descending) {
        List<Column> columns = columns(t, c.targetWaitMinutes());
        String range = "from=" + c.from() + "&to=" + c.to();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("compare.title"))).append("</h1>");
        b.append("<form id=\"range\" method=\"get\" class=\"range\">").append(DateFields.range(t, c.from(), c.to()))
                .append("<button type=\"submit\">").append(esc(t.t("office.show"))).append("</button></form>");
        b.append("<p class=\"hint\" id=\"compare-periods\">").append(esc(t.t("compare.periods", c.from(), c.to(), c.previousFrom(), c.previousTo())))
                .append(" <a class=\"csv\" id=\"csv-compare\" href=\"/compare/comparison.csv?").append(esc(range)).append("\">")
                .append(esc(t.t("office.csv"))).append("</a></p>");
        b.append("<div class=\"scroll\"><table id=\"comparison\" class=\"figures compare\"><thead><tr>");
        b.append(sortHeader(t.t("compare.row"), t.t("help.compare.row"), "name", sort, descending, range));
        b.append("<th title=\"").append(esc(t.t("help.compare.period"))).append("\"><abbr title=\"").append(esc(t.t("help.compare.period")))
                .append("\">").append(esc(t.t("compare.period"))).append("</abbr></th>");
        for (Column col : columns) {
            b.append(sortHeader(col.label(), col.help(), col.id(), sort, descending, range));
        }
        b.append("</tr></thead><tbody>");
        for (NetworkComparison.Row r : sorted(c.rows(), columns, sort, descending)) {
            String kind = r.kind().name().toLowerCase(Locale.ROOT);
            String name = switch (r.kind()) {
                case OFFICE -> r.label();
                case DISTRICT -> t.t("compare.district", r.key(), r.offices());
                case NETWORK -> t.t("compare.network", r.offices());
            };
            for (int i = 0; i < 2; i++) {
                Figures f = i == 0 ? r.now() : r.before();
                b.append("<tr class=\"").append(kind).append(i == 0 ? " now" : " before").append("\" data-row=\"").append(esc(r.key()))
                        .append("\" data-period=\"").append(i == 0 ? "now" : "before").append("\">");
                if (i == 0) {
                    b.append("<th rowspan=\"2\"");
                    if (r.kind() == NetworkComparison.Kind.OFFICE) {
                        b.append(" title=\"").append(esc(r.key())).append("\"><a href=\"/offices/").append(esc(r.key())).append("?").append(esc(range))
                                .append("\">").append(esc(name)).append("</a>");
                    } else {
                        b.append(">").append(esc(name));
                    }
                    b.append("</th>");
                }
                b.append("<td class=\"period\">").append(esc(t.t(i == 0 ? "compare.now" : "compare.before"))).append("</td>");
                for (Column col : columns) {
                    b.append("<td class=\"num\" data-figure=\"").append(col.id()).append("\">").append(esc(col.shown().apply(f))).append("</td>");
                }
                b.append("</tr>");
            }
        }
        b.append("</tbody></table></div>");
        return b.toString();
    }

    private static String sortHeader(String label, String help, String id, String sort, boolean descending, String range) {
        boolean current = id.equals(sort);
        boolean nextDescending = !current || !descending;
        String arrow = current ? (descending ? " ▼" : " ▲") : "";
        return "<th title=\"" + esc(help) + "\"" + (current ? " aria-sort=\"" + (descending ? "descending" : "ascending") + "\"" : "")
                + "><a class=\"sort\" data-sort=\"" + id + "\" href=\"/compare?" + esc(range + "&sort=" + id + "&dir=" + (nextDescending ? "desc" : "asc"))
                + "\"><abbr title=\"" + esc(help) + "\">" + esc(label) + "</abbr>" + arrow + "</a></th>";
    }

    /** The office rows by the column (this period's figure; none last either way), then the districts and the network as given. */
    private static List<NetworkComparison.Row> sorted(List<NetworkComparison.Row> rows, List<Column> columns, String sort, boolean descending) {
        List<NetworkComparison.Row> offices = new ArrayList<>(rows.stream().filter(r -> r.kind() == NetworkComparison.Kind.OFFICE).toList());
        Comparator<NetworkComparison.Row> order;
        Column col = columns.stream().filter(x -> x.id().equals(sort)).findFirst().orElse(null);
        if (col == null) {
            order = Comparator.comparing(NetworkComparison.Row::label);
            if (descending) {
                order = order.reversed();
            }
        } else {
            Comparator<Double> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            order = Comparator.comparing(r -> col.value().apply(r.now()), Comparator.nullsLast(values));
        }
        offices.sort(order.thenComparing(NetworkComparison.Row::key));
        List<NetworkComparison.Row> out = new ArrayList<>(offices);
        rows.stream().filter(r -> r.kind() != NetworkComparison.Kind.OFFICE).forEach(out::add);
        return out;
    }

    static Csv csv(NetworkComparison c) {
        Csv csv = new Csv();
        csv.row("kind", "key", "name", "district", "offices", "period", "from", "to", "tickets", "called", "waitMeanSeconds", "waitP90Seconds",
                "withinTarget", "withinTargetShare", "noShows", "noShowRate", "ratings", "ratingMean");
        for (NetworkComparison.Row r : c.rows()) {
            for (int i = 0; i < 2; i++) {
                Figures f = i == 0 ? r.now() : r.before();
                csv.row(r.kind(), r.key(), r.label(), r.district(), r.offices(), i == 0 ? "now" : "before", i == 0 ? c.from() : c.previousFrom(),
                        i == 0 ? c.to() : c.previousTo(), f.tickets(), f.called(), f.waitMean(), f.waitP90(), f.withinTarget(),
                        f.withinTargetShare(), f.noShows(), f.noShowRate(), f.ratings(), f.ratingMean());
            }
        }
        return csv;
    }
}
