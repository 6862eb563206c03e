package tw.jiaohao.hub.report;

import java.time.LocalDate;
import java.util.List;

/**
 * One office against its district over the same office-days: the district's figures are those of
 * all its offices together (this one included), each defined as in docs/STATISTICS.md, so a share
 * or a mean compares directly and the district's tickets divided by {@code districtOffices.size()}
 * is its tickets per office.
 */
public record DistrictComparison(String office, String district, List<String> districtOffices, LocalDate from, LocalDate to,
                                 Figures officeFigures, Figures districtFigures) {
}
