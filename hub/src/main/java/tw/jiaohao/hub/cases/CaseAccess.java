package tw.jiaohao.hub.cases;

/**
 * Port: who may do what with cases. The default {@link #BY_ROLE} implements the rule of
 * docs/cases/README-section.md; the dashboard's login supplies the {@link Staff}.
 * Implementations are stateless and thread-safe.
 */
public interface CaseAccess {
    /** May list and open the office's cases (masked). */
    boolean maySee(Staff staff, String office);

    /** May see the national ID, phone, name and address in clear in the office's case view. */
    boolean maySeePersonal(Staff staff, String office);

    /** May change the state of, and add notes to, the office's cases. */
    boolean mayWork(Staff staff, String office);

    CaseAccess BY_ROLE = new CaseAccess() {
        @Override
        public boolean maySee(Staff s, String office) {
            return s.role() == Role.HEAD_OFFICE || office.equals(s.office());
        }

        @Override
        public boolean maySeePersonal(Staff s, String office) {
            return s.role() != Role.HEAD_OFFICE && office.equals(s.office());
        }

        @Override
        public boolean mayWork(Staff s, String office) {
            return s.role() == Role.HEAD_OFFICE || (s.role() == Role.OFFICE_MANAGER && office.equals(s.office()));
        }
    };
}
