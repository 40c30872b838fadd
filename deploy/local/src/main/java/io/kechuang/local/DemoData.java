package io.kechuang.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kechuang.corpus.CslCorpus;

/**
 * The demo data set that {@code --demo} loads through the gateway ({@link DemoSeed}), read from this module's
 * resources under {@code kechuang-demo/}:
 * <ul>
 * <li>{@code organisations.json}: 7 universities and institutes, 10 enterprises and 2 brokerages (fictitious, in
 *     Sichuan), each with a fixed id, a unified social credit code, a contact and one or two users;</li>
 * <li>{@code achievements.jsonl}: 240 real Chinese papers from the CSL dataset (Chinese Scientific Literature,
 *     github.com/ydli-ai/CSL, Apache License 2.0) with the university that lists each, chosen so that every demand
 *     has papers on its topic, plus a spread over the technical fields; {@link #achievementRequest} turns a paper
 *     into a complete listing;</li>
 * <li>{@code demands.json}: 56 hand-written enterprise demands in Chinese, complete {@code DemandRequest} bodies
 *     plus their owner.</li>
 * </ul>
 * The data is ordered so that a prefix is still a coherent demo: the papers that the first demands are about come
 * first. {@link Size} takes such a prefix (the tests load a small one).
 */
public final class DemoData {

    /** Where the data lives on the class path. */
    static final String RESOURCE_DIR = "kechuang-demo/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much of the demo data to load: the first {@code achievements} papers and {@code demands} demands. */
    public record Size(int achievements, int demands) {
        /** Everything: 240 achievements and 56 demands. */
        public static final Size FULL = new Size(Integer.MAX_VALUE, Integer.MAX_VALUE);

        public Size {
            if (achievements < 0 || demands < 0) {
                throw new IllegalArgumentException("negative demo size");
            }
        }
    }

    /** One organisation with its users. */
    public record Organisation(String key, String id, String name, String type, String regionCode, String creditCode,
            JsonNode contact, List<User> users) {

        /** The role its users get: universities and institutes publish, enterprises post demands. */
        public String role() {
            return switch (type) {
                case "UNIVERSITY", "RESEARCH_INSTITUTE" -> "UNIVERSITY";
                case "ENTERPRISE" -> "ENTERPRISE";
                case "BROKERAGE" -> "BROKER";
                default -> throw new IllegalStateException("no demo role for " + type);
            };
        }

        public User firstUser() {
            return users.get(0);
        }
    }

    /**
     * A demo person; they sign in with {@link DemoUser#DEMO_PASSWORD}.
     *
     * @param lead a broker lead of a brokerage (absent: false)
     */
    public record User(String username, String displayName, boolean lead) {
    }

    /** One CSL paper and the organisation that lists it. */
    public record Paper(int csl, String owner, String title, String abstractText, List<String> keywords,
            String discipline) {
    }

    /** One hand-written demand: its key (for the {@code Idempotency-Key}), owner and complete request body. */
    public record Demand(String key, String owner, ObjectNode request) {
        public String title() {
            return request.path("title").asText();
        }
    }

    private final List<Organisation> organisations;
    private final List<Paper> papers;
    private final List<Demand> demands;

    private DemoData(List<Organisation> organisations, List<Paper> papers, List<Demand> demands) {
        this.organisations = List.copyOf(organisations);
        this.papers = List.copyOf(papers);
        this.demands = List.copyOf(demands);
    }

    /** The bundled data set, cut to {@code size}. */
    public static DemoData load(Size size) {
        List<Organisation> orgs = new ArrayList<>();
        for (JsonNode o : readJson("organisations.json")) {
            List<User> users = new ArrayList<>();
            o.path("users").forEach(u -> users.add(new User(u.path("username").asText(), u.path("displayName").asText(),
                    u.path("lead").asBoolean(false))));
            orgs.add(new Organisation(o.path("key").asText(), o.path("id").asText(), o.path("name").asText(),
                    o.path("type").asText(), o.path("regionCode").asText(), o.path("creditCode").asText(),
                    o.path("contact"), users));
        }
        List<Paper> papers = new ArrayList<>();
        try (BufferedReader in = reader("achievements.jsonl")) {
            for (String line = in.readLine(); line != null && papers.size() < size.achievements(); line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode p = JSON.readTree(line);
                List<String> keywords = new ArrayList<>();
                p.path("keywords").forEach(k -> keywords.add(k.asText()));
                papers.add(new Paper(p.path("csl").asInt(), p.path("owner").asText(), p.path("title").asText(),
                        p.path("abstract").asText(), keywords, p.path("discipline").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Demand> demands = new ArrayList<>();
        for (JsonNode d : readJson("demands.json")) {
            if (demands.size() >= size.demands()) {
                break;
            }
            ObjectNode request = ((ObjectNode) d).deepCopy();
            String key = request.remove("key").asText();
            String owner = request.remove("owner").asText();
            demands.add(new Demand(key, owner, request));
        }
        return new DemoData(orgs, papers, demands);
    }

    public List<Organisation> organisations() {
        return organisations;
    }

    public List<Paper> papers() {
        return papers;
    }

    public List<Demand> demands() {
        return demands;
    }

    public Organisation organisation(String key) {
        return organisations.stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo organisation " + key));
    }

    /** The first demo user of the first organisation of that type, e.g. the broker the summary names. */
    public Optional<Organisation> firstOfType(String type) {
        return organisations.stream().filter(o -> o.type().equals(type)).findFirst();
    }

    // ------------------------------------------------------------------------------------------ achievements


    /**
     * Security words that move an electronic-information paper to {@code INFORMATION_SECURITY}: the CSL disciplines
     * have no security class, but the platform's taxonomy does, and the security demands should meet these papers.
     */
    private static final List<String> SECURITY_TERMS = List.of("入侵", "密码", "认证", "信息隐藏", "秘密共享", "加密", "漏洞",
            "恶意", "异常检测");

    /**
     * The platform's technical field for a CSL discipline, the same mapping as {@code io.kechuang.corpus.CslCorpus}
     * (humanities and social sciences are {@code OTHER}); electronic-information papers about security go to
     * {@code INFORMATION_SECURITY}.
     */
    public static String technicalFieldOf(String discipline, String title, List<String> keywords) {
        String field = CslCorpus.technicalFieldOf(discipline);
        if (field.equals("ELECTRONIC_INFORMATION")) {
            String text = title + " " + String.join(" ", keywords);
            if (SECURITY_TERMS.stream().anyMatch(text::contains)) {
                return "INFORMATION_SECURITY";
            }
        }
        return field;
    }

    /** Regions of the partner labs some achievements come from: Chongqing, Xi'an, Wuhan, Nanjing. */
    private static final List<String> PARTNER_REGIONS = List.of("500000", "610100", "420100", "320100");
    private static final List<String> INVENTORS = List.of("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵军", "黄丽",
            "周涛", "吴敏", "徐强", "孙悦", "马超", "朱琳", "胡斌", "郭婷");
    private static final List<List<String>> MODES = List.of(
            List.of("LICENCE", "TRANSFER"),
            List.of("JOINT_DEVELOPMENT", "TECHNICAL_SERVICE", "LICENCE"),
            List.of("TRANSFER", "JOINT_DEVELOPMENT"),
            List.of("LICENCE", "EQUITY_INVESTMENT", "TECHNICAL_SERVICE"),
            List.of("TECHNICAL_SERVICE", "CONSULTING", "JOINT_DEVELOPMENT"));

    /**
     * A complete, publishable achievement for a paper: the paper's title, abstract (as summary) and keywords, the
     * field of its discipline, and plausible, deterministic listing terms derived from its CSL row number: IP type
     * (a patent with a valid CN application number, a software copyright for algorithms, a plant variety for
     * breeding), TRL 3–7 with the matching stage, two or three cooperation modes, an asking price of 0.2–2 million
     * CNY or "negotiable", the owner's region (one in seven from a partner lab elsewhere), the owner's contact.
     */
    public static ObjectNode achievementRequest(Paper paper, Organisation owner) {
        int n = paper.csl();
        ObjectNode a = JSON.createObjectNode();
        a.put("title", clip(paper.title(), 200));
        a.put("summary", clip(paper.abstractText(), 2000));
        a.put("description", "学科：" + paper.discipline() + "。成果来源于" + owner.name() + "的研究，"
                + "可提供技术资料、实验数据和样品演示，欢迎企业洽谈。");
        ArrayNode keywords = a.putArray("keywords");
        paper.keywords().stream().map(String::strip).filter(k -> !k.isEmpty() && k.length() <= 40).distinct().limit(20)
                .forEach(keywords::add);
        String field = technicalFieldOf(paper.discipline(), paper.title(), paper.keywords());
        a.put("technicalField", field);

        String ipType = ipType(paper, field);
        a.put("ipType", ipType);
        if (ipType.equals("INVENTION_PATENT") || ipType.equals("UTILITY_MODEL")) {
            ObjectNode patent = a.putArray("patents").addObject();
            patent.put("number", patentNumber(n, ipType.equals("INVENTION_PATENT") ? 1 : 2));
            patent.put("legalStatus", n % 4 == 0 ? "PENDING" : "GRANTED");
        }
        int trl = 3 + Math.floorMod(n * 7 + 3, 5); // 3..7
        a.put("trl", trl);
        a.put("stage", switch (trl) {
            case 3 -> "LAB";
            case 4, 5 -> "PROTOTYPE";
            case 6 -> "PILOT";
            default -> "SMALL_BATCH";
        });
        ArrayNode modes = a.putArray("cooperationModes");
        MODES.get(Math.floorMod(n, MODES.size())).forEach(modes::add);
        if (n % 3 == 0) {
            a.put("priceNegotiable", true);
        } else {
            ObjectNode price = a.putObject("askingPrice");
            price.put("amount", BigDecimal.valueOf(200_000L + Math.floorMod(n * 37, 13) * 150_000L));
            price.put("currency", "CNY");
            a.put("priceNegotiable", n % 2 == 0);
        }
        ArrayNode inventors = a.putArray("inventors");
        ObjectNode inventor = inventors.addObject();
        inventor.put("name", INVENTORS.get(Math.floorMod(n, INVENTORS.size())));
        inventor.put("title", n % 3 == 0 ? "副教授" : "教授");
        a.set("contact", owner.contact().deepCopy());
        a.put("region", n % 7 == 0 ? PARTNER_REGIONS.get(Math.floorMod(n / 7, PARTNER_REGIONS.size())) : owner.regionCode());
        a.put("language", "zh");
        a.put("expiresOn", "2028-06-30");
        return a;
    }

    private static String ipType(Paper paper, String field) {
        String t = paper.title();
        int n = paper.csl();
        if (field.equals("MODERN_AGRICULTURE") && (t.contains("品种") || t.contains("选育"))) {
            return "PLANT_VARIETY";
        }
        if ((field.equals("ELECTRONIC_INFORMATION") || field.equals("INFORMATION_SECURITY")) && n % 3 == 0
                && (t.contains("算法") || t.contains("系统") || t.contains("软件"))) {
            return "SOFTWARE_COPYRIGHT";
        }
        if (n % 2 == 0 && (t.contains("装置") || t.contains("机") || t.contains("器"))) {
            return "UTILITY_MODEL";
        }
        return n % 5 == 0 ? "KNOW_HOW" : "INVENTION_PATENT";
    }

    /**
     * A Chinese patent application number, {@code CN2023<kind><7 digits>.<check>}: kind 1 is an invention, 2 a
     * utility model; the check digit is the CNIPA one (weights 2–9, 2–5 over the 12 digits, mod 11, 10 is X).
     */
    static String patentNumber(int seed, int kind) {
        String digits = String.format(Locale.ROOT, "%04d%d%07d", 2019 + Math.floorMod(seed, 5), kind,
                Math.floorMod(seed * 7919L + 104729L, 10_000_000L));
        int[] weights = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = sum % 11;
        return "CN" + digits + "." + (check == 10 ? "X" : String.valueOf(check));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static JsonNode readJson(String name) {
        try (InputStream in = stream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader reader(String name) {
        return new BufferedReader(new InputStreamReader(stream(name), StandardCharsets.UTF_8));
    }

    private static InputStream stream(String name) {
        InputStream in = DemoData.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IllegalStateException(RESOURCE_DIR + name + " is not on the class path");
        }
        return in;
    }
}
