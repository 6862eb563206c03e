package tw.jiaohao.office.config;

/**
 * One ticket category: its letter (the ticket number's prefix), its names, whether it is the
 * priority lane (called before every other category at counters that serve it), and the
 * average service minutes used for waiting estimates until the day has measured its own.
 */
public record CategoryConfig(String code, String nameZh, String nameEn, boolean priority, double serviceMinutes) {
    public CategoryConfig {
        if (code == null || code.length() != 1 || code.charAt(0) < 'A' || code.charAt(0) > 'Z') {
            throw new ConfigException("categories", ConfigProblem.NOT_CATEGORY_CODE, code);
        }
        if (nameZh == null || nameZh.isBlank() || nameZh.length() > 40) {
            throw new ConfigException("category." + code + ".name.zh", ConfigProblem.TEXT_LENGTH, 40, "水費/一般");
        }
        if (nameEn == null || nameEn.isBlank() || nameEn.length() > 60) {
            throw new ConfigException("category." + code + ".name.en", ConfigProblem.TEXT_LENGTH, 60, "Bills / general");
        }
        if (!(serviceMinutes > 0 && serviceMinutes <= 240)) {
            throw new ConfigException("category." + code + ".service-minutes", ConfigProblem.NUMBER_RANGE, "0.1", 240, serviceMinutes);
        }
    }
}
