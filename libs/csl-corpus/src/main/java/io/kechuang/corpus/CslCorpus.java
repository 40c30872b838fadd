package io.kechuang.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 2,000 real Chinese scientific abstracts from the CSL dataset (Chinese Scientific Literature,
 * github.com/ydli-ai/CSL, Apache License 2.0), bundled as {@code csl/csl-2000.jsonl}: real technical text for
 * relevance tests, benchmarks and demo data.
 */
public final class CslCorpus {

    private static final String RESOURCE = "csl/csl-2000.jsonl";
    private static volatile List<Paper> papers;

    private CslCorpus() {
    }

    /** One paper: title, abstract, author keywords, discipline (67 classes) and category (13 classes). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Paper(String split, String title, @JsonProperty("abstract") String abstractText, List<String> keywords,
            String discipline, String category) {
    }

    private static final Map<String, String> FIELD_OF_DISCIPLINE = fieldsOfDisciplines();

    /**
     * The platform's technical field (the name of {@code io.kechuang.events.taxonomy.TechnicalField}) for a CSL
     * discipline; humanities and social sciences map to {@code OTHER}.
     */
    public static String technicalFieldOf(String discipline) {
        return FIELD_OF_DISCIPLINE.getOrDefault(discipline, "OTHER");
    }

    private static Map<String, String> fieldsOfDisciplines() {
        Map<String, String> m = new HashMap<>();
        put(m, "ELECTRONIC_INFORMATION", "计算机科学与技术", "信息与通信工程", "电子科学与技术", "控制科学与工程", "光学工程",
                "测绘科学与技术");
        put(m, "BIOMEDICINE", "药学", "中医学/中药学", "基础医学/临床医学", "公共卫生与预防医学", "口腔医学", "生物学/生物科学与工程");
        put(m, "NEW_MATERIALS", "材料科学与工程", "化学/化学工程与技术", "纺织科学与工程", "冶金工程");
        put(m, "NEW_ENERGY", "电气工程", "动力工程及工程热物理", "核科学与技术");
        put(m, "ADVANCED_MANUFACTURING", "机械工程", "力学", "船舶与海洋工程", "兵器科学与技术");
        put(m, "MODERN_AGRICULTURE", "作物学", "农业资源利用", "园艺学", "林学/林业工程", "植物保护", "水产", "畜牧学/兽医学",
                "农业工程", "食品科学与工程");
        put(m, "AUTOMOTIVE", "交通运输工程");
        put(m, "RESOURCES_ENVIRONMENT", "环境科学与工程", "水利工程", "矿业工程", "石油与天然气工程", "地质学/地质资源与地质工程",
                "大气科学", "海洋科学", "地理学", "地球物理学");
        put(m, "AEROSPACE", "航空宇航科学与技术", "天文学");
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String field, String... disciplines) {
        for (String d : disciplines) {
            m.put(d, field);
        }
    }

    public static List<Paper> papers() {
        List<Paper> loaded = papers;
        if (loaded == null) {
            loaded = load();
            papers = loaded;
        }
        return loaded;
    }

    private static List<Paper> load() {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = CslCorpus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            List<Paper> out = new ArrayList<>(2000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(mapper.readValue(line, Paper.class));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
