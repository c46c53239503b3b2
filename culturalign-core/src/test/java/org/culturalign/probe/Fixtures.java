package org.culturalign.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Country;
import org.culturalign.survey.DataSource;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.SurveyData;

/** A small hand-made survey in English and Chinese (our own wording), with data for DEU and CHN. */
public final class Fixtures {
    public static final Country DEU = new Country("DEU");
    public static final Country CHN = new Country("CHN");

    private Fixtures() {
    }

    public static AnswerScale ordinal(Integer... codes) {
        return new AnswerScale(List.of(codes), ScaleType.ORDINAL);
    }

    static QuestionText t(String q, String... labels) {
        return new QuestionText(q, List.of(labels));
    }

    static Question q(String id, String category, String battery, AnswerScale scale, QuestionText en,
                      QuestionText zh) {
        Map<String, QuestionText> texts = new LinkedHashMap<>();
        texts.put("en", en);
        if (zh != null) {
            texts.put("zh", zh);
        }
        return new Question(id, category, scale, texts, Map.of(), battery, "test");
    }

    public static List<Question> questions() {
        List<Question> qs = new ArrayList<>();
        qs.add(q("Q1", "Social Values", "Q1-Q6", ordinal(1, 2, 3, 4),
                t("How important is family in your life?", "Very important", "Rather important",
                        "Not very important", "Not at all important"),
                t("家庭在您生活中有多重要？", "非常重要", "比较重要", "不太重要", "完全不重要")));
        qs.add(q("Q2", "Social Values", "Q1-Q6", ordinal(1, 2, 3, 4),
                t("How important are friends in your life?", "Very important", "Rather important",
                        "Not very important", "Not at all important"),
                t("朋友在您生活中有多重要？", "非常重要", "比较重要", "不太重要", "完全不重要")));
        qs.add(q("Q46", "Happiness and Well-being", "", ordinal(1, 2, 3, 4),
                t("Taking all things together, are you happy?", "Very happy", "Rather happy", "Not very happy",
                        "Not at all happy"),
                t("总的来说，您觉得自己幸福吗？", "非常幸福", "比较幸福", "不太幸福", "一点也不幸福")));
        qs.add(q("Q47", "Happiness and Well-being", "", ordinal(1, 2, 3, 4, 5),
                t("How would you describe your health these days?", "Very good", "Good", "Fair", "Poor",
                        "Very poor"),
                t("您如何描述自己最近的健康状况？", "很好", "好", "一般", "差", "很差")));
        qs.add(q("Q57", "Social Capital, Trust", "", ordinal(1, 2),
                t("Generally speaking, can most people be trusted?", "Most people can be trusted",
                        "Need to be very careful"),
                t("一般来说，大多数人可以信任吗？", "大多数人可以信任", "必须非常小心")));
        qs.add(q("Q94", "Social Capital, Trust", "Q94-Q105", ordinal(0, 1, 2),
                t("Are you a member of a religious organisation?", "Not a member", "Inactive member",
                        "Active member"),
                t("您是宗教组织的成员吗？", "不是成员", "不活跃的成员", "活跃的成员")));
        qs.add(new Question("Q164", "Religious Values", ordinal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                Map.of("en", new QuestionText("How important is God in your life?", List.of("Not at all important",
                        "2", "3", "4", "5", "6", "7", "8", "9", "Very important"),
                        "1 means not at all important, 10 very important.")),
                Map.of(), "", "test"));
        qs.add(q("Q223", "Political Culture", "", new AnswerScale(List.of(1, 2, 3), ScaleType.NOMINAL),
                t("Which party would you vote for?", "Party One", "Party Two", "Party Three"), null));
        return qs;
    }

    static HumanDistribution d(double... shares) {
        return HumanDistribution.ofShares(shares, OptionalLong.of(1000), OptionalDouble.empty(), "fixture");
    }

    /** DEU has data for every question; CHN for all but Q47. */
    public static SurveyData data() {
        Map<Country, Map<String, HumanDistribution>> dist = new LinkedHashMap<>();
        Map<String, HumanDistribution> deu = new LinkedHashMap<>();
        deu.put("Q1", d(0.75, 0.20, 0.04, 0.01));
        deu.put("Q2", d(0.40, 0.50, 0.08, 0.02));
        deu.put("Q46", d(0.20, 0.60, 0.15, 0.05));
        deu.put("Q47", d(0.10, 0.20, 0.40, 0.20, 0.10));
        deu.put("Q57", d(0.40, 0.60));
        deu.put("Q94", d(0.50, 0.30, 0.20));
        deu.put("Q164", d(0.20, 0.05, 0.05, 0.05, 0.10, 0.10, 0.10, 0.10, 0.05, 0.20));
        deu.put("Q223", d(0.30, 0.50, 0.20));
        dist.put(DEU, deu);
        Map<String, HumanDistribution> chn = new LinkedHashMap<>();
        chn.put("Q1", d(0.80, 0.15, 0.04, 0.01));
        chn.put("Q2", d(0.30, 0.50, 0.15, 0.05));
        chn.put("Q46", d(0.25, 0.55, 0.15, 0.05));
        chn.put("Q57", d(0.60, 0.40));
        chn.put("Q94", d(0.10, 0.80, 0.10));
        chn.put("Q164", d(0.50, 0.10, 0.05, 0.05, 0.10, 0.05, 0.05, 0.05, 0.025, 0.025));
        chn.put("Q223", d(0.30, 0.30, 0.40));
        dist.put(CHN, chn);
        return new SurveyData(new DataSource("fixture", "test/1", "0", ""), questions(), dist,
                Map.of(DEU, "Germany", CHN, "China"));
    }
}
